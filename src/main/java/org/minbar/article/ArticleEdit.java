package org.minbar.article;

import java.util.List;

/**
 * Everything an editor changes in an article, as one value: what a save, an autosave and a
 * revision hold. {@code bodyHtml} may come from anywhere (pasted from Word, another site): it is
 * sanitized before it is stored. Plain-text fields are stored as typed and escaped on output.
 */
public record ArticleEdit(String title, String bodyHtml, String excerpt, String sourceLabel, Long sectionId,
        List<Long> tagIds, List<Contributor> contributors, String leadImageUrl, String leadImageAlt, Long leadMediaId,
        String seoTitle, String seoDescription, boolean autoReadAlso) {

    public ArticleEdit {
        tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
    }

    /** The editable content of a stored article. */
    public static ArticleEdit of(Article article) {
        return new ArticleEdit(article.title(), article.bodyHtml(), article.excerpt(), article.sourceLabel(),
                article.sectionId(), article.tagIds(), article.contributors(), article.leadImageUrl(),
                article.leadImageAlt(), article.leadMediaId(), article.seoTitle(), article.seoDescription(),
                article.autoReadAlso());
    }

    /** The same edit with another title and body (everything else as it is). */
    public ArticleEdit withText(String newTitle, String newBodyHtml) {
        return new ArticleEdit(newTitle, newBodyHtml, excerpt, sourceLabel, sectionId, tagIds, contributors, leadImageUrl,
                leadImageAlt, leadMediaId, seoTitle, seoDescription, autoReadAlso);
    }
}
