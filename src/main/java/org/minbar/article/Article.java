package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article as stored; {@code bodyHtml} is already sanitized. {@code autoReadAlso}: whether the site
 * may add inline read-also promos when the editors placed none.
 */
public record Article(long id, String slug, String title, String excerpt, String bodyHtml, ArticleStatus status,
        String sourceLabel, Long sectionId, List<Long> tagIds, List<Contributor> contributors, String leadImageUrl,
        String leadImageAlt, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime publishedAt,
        boolean autoReadAlso) {

    public Article {
        tagIds = List.copyOf(tagIds);
        contributors = List.copyOf(contributors);
    }

    /** The canonical reader URL path: numeric id, then the readable slug. */
    public String path() {
        return ArticlePaths.of(id, slug);
    }

    public boolean published() {
        return status == ArticleStatus.PUBLISHED;
    }
}
