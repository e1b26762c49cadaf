package org.minbar.search;

import java.util.List;

/** What the index keeps of an article; {@code promos} are the titles of its inline read-also promos. */
record IndexedArticle(long id, String slug, String title, String excerpt, String body, String promos, String sectionSlug,
        String sectionName, List<String> tagSlugs, List<String> tagNames, List<String> contributors, long publishedMillis) {
}
