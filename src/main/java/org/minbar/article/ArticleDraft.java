package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What an imported article is made of, and the status it should reach ({@link ArticleImport}).
 * {@code bodyHtml} may come from anywhere: it is sanitized to the safe subset before it is stored.
 * A null {@code excerpt} is taken from the first paragraph; {@code publishedAt} is the original date;
 * {@code modifiedAt} the source's last modification (WordPress's {@code post_modified_gmt}), which
 * readers see as the article's change date; null: its publishing date.
 */
public record ArticleDraft(String title, String bodyHtml, String excerpt, ArticleStatus status, String sourceLabel,
        Long sectionId, List<Long> tagIds, List<Contributor> contributors, String leadImageUrl, String leadImageAlt,
        OffsetDateTime publishedAt, OffsetDateTime modifiedAt) {

    public ArticleDraft {
        tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
    }

    /** A draft whose source keeps no modification date: it changed last when it was published. */
    public ArticleDraft(String title, String bodyHtml, String excerpt, ArticleStatus status, String sourceLabel,
            Long sectionId, List<Long> tagIds, List<Contributor> contributors, String leadImageUrl, String leadImageAlt,
            OffsetDateTime publishedAt) {
        this(title, bodyHtml, excerpt, status, sourceLabel, sectionId, tagIds, contributors, leadImageUrl, leadImageAlt,
                publishedAt, null);
    }

    /** The content, as the newsroom edits it (no SEO fields of its own; the site may add read-also promos). */
    ArticleEdit content() {
        return new ArticleEdit(title, bodyHtml, excerpt, sourceLabel, sectionId, tagIds, contributors, leadImageUrl, leadImageAlt,
                null, null, null, true);
    }
}
