package org.minbar.article;

/** A published article changed (text, slug, tags, ...): derived data about it is stale. */
public record ArticleChanged(long articleId) {
}
