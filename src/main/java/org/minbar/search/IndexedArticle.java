package org.minbar.search;

import java.util.List;

/** What the index keeps of an article. */
record IndexedArticle(long id, String slug, String title, String excerpt, String body, String sectionSlug,
        String sectionName, List<String> tagSlugs, List<String> tagNames, List<String> contributors, long publishedMillis) {
}
