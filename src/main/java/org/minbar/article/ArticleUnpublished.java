package org.minbar.article;

/** An article is no longer visible to readers. */
public record ArticleUnpublished(long articleId) {
}
