package org.minbar.article;

import java.time.OffsetDateTime;

/** A published article's address and times, without its text: for sitemaps and change dates. */
public record ArticleStamp(long id, String slug, String title, Long sectionId, OffsetDateTime publishedAt,
        OffsetDateTime updatedAt) {

    public String path() {
        return ArticlePaths.of(id, slug);
    }
}
