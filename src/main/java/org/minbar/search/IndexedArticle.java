package org.minbar.search;

import java.util.List;

/**
 * What the index keeps of an article; {@code promos} are the titles of its inline read-also promos.
 * {@code version}: the article's version when it was indexed, for {@code verify} (-1: unknown).
 */
record IndexedArticle(long id, String slug, String title, String excerpt, String body, String promos, String sectionSlug,
        String sectionName, List<String> tagSlugs, List<String> tagNames, List<String> contributors, long publishedMillis,
        int version) {

    IndexedArticle(long id, String slug, String title, String excerpt, String body, String promos, String sectionSlug,
            String sectionName, List<String> tagSlugs, List<String> tagNames, List<String> contributors, long publishedMillis) {
        this(id, slug, title, excerpt, body, promos, sectionSlug, sectionName, tagSlugs, tagNames, contributors, publishedMillis, -1);
    }
}
