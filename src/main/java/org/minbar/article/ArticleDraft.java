package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a new article is made of. {@code bodyHtml} may come from anywhere: it is sanitized to the
 * safe subset before it is stored. A null {@code excerpt} is taken from the first paragraph.
 */
public record ArticleDraft(String title, String bodyHtml, String excerpt, ArticleStatus status, String sourceLabel,
        Long sectionId, List<Long> tagIds, List<Contributor> contributors, String leadImageUrl, String leadImageAlt,
        OffsetDateTime publishedAt) {

    public ArticleDraft {
        tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
    }
}
