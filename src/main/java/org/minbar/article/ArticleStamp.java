package org.minbar.article;

import java.time.OffsetDateTime;

/**
 * A published article's address and times, without its text: for sitemaps and change dates.
 * {@code modifiedAt}: as stored (see {@link Article#readerModifiedAt}).
 */
public record ArticleStamp(long id, String slug, String title, Long sectionId, OffsetDateTime publishedAt,
        OffsetDateTime modifiedAt) {

    public String path() {
        return ArticlePaths.of(id, slug);
    }

    /** When readers last saw it change: its sitemap {@code lastmod} (see {@link Article#readerModifiedAt}). */
    public OffsetDateTime readerModifiedAt() {
        return modifiedAt != null && modifiedAt.isAfter(publishedAt) ? modifiedAt : publishedAt;
    }
}
