package org.minbar.article;

import java.time.OffsetDateTime;

/** A user's unsaved typing in an article, kept every few seconds; {@code baseVersion} is what it was typed over. */
public record Autosave(long articleId, String username, OffsetDateTime savedAt, int baseVersion, ArticleEdit content) {
}
