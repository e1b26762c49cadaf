package org.minbar.article;

/** An article became visible to readers. */
public record ArticlePublished(long articleId) {
}
