package org.minbar.article;

import java.time.OffsetDateTime;

/** One save of an article: who, when, and the whole content as it was then. */
public record Revision(long articleId, int number, String author, OffsetDateTime savedAt, String note, ArticleEdit content) {
}
