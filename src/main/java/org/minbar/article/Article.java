package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article as stored; {@code bodyHtml} is already sanitized. {@code autoReadAlso}: whether the site
 * may add inline read-also promos when the editors placed none. {@code publishedAt} of a scheduled
 * article is its planned time. {@code featuredAt}: when editors featured it (it then leads the home
 * page), or null. {@code version} grows with every save (optimistic locking). {@code updatedAt}: the
 * newsroom's last touch (any save, move, slug or flag); {@code modifiedAt}: when readers last saw it
 * change (see {@link #readerModifiedAt}).
 */
public record Article(long id, String slug, String title, String excerpt, String bodyHtml, ArticleStatus status,
        String sourceLabel, Long sectionId, List<Long> tagIds, List<Contributor> contributors, String leadImageUrl,
        String leadImageAlt, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime publishedAt,
        boolean autoReadAlso, String seoTitle, String seoDescription, Long leadMediaId, String createdBy, OffsetDateTime featuredAt,
        int version, OffsetDateTime modifiedAt) {

    public Article {
        tagIds = List.copyOf(tagIds);
        contributors = List.copyOf(contributors);
    }

    /** The canonical reader URL path: numeric id, then the readable slug. */
    public String path() {
        return ArticlePaths.of(id, slug);
    }

    /** The title for search engines and shares: the SEO title when the editors set one. */
    public String metaTitle() {
        return seoTitle == null || seoTitle.isBlank() ? title : seoTitle;
    }

    /** The description for search engines and shares: the SEO description, else the excerpt. */
    public String metaDescription() {
        return seoDescription == null || seoDescription.isBlank() ? excerpt : seoDescription;
    }

    /**
     * When what readers see of the article last changed, for {@code dateModified}, Atom
     * {@code updated} and sitemap {@code lastmod}: its last editorial change after it was published
     * (an imported article's: the source's), else its publishing date; never before the latter.
     * Workflow moves, slug changes and flags do not count: the content is the same. Null for an
     * article never published.
     */
    public OffsetDateTime readerModifiedAt() {
        if (publishedAt == null) {
            return null;
        }
        return modifiedAt != null && modifiedAt.isAfter(publishedAt) ? modifiedAt : publishedAt;
    }

    public boolean featured() {
        return featuredAt != null;
    }

    public boolean published() {
        return status == ArticleStatus.PUBLISHED;
    }
}
