package org.minbar.article;

import java.time.OffsetDateTime;

/** What a list of articles needs: no body. */
public record ArticleSummary(long id, String slug, String title, String excerpt, Long sectionId, String leadImageUrl,
        String leadImageAlt, OffsetDateTime publishedAt) {

    public String path() {
        return ArticlePaths.of(id, slug);
    }
}
