package org.minbar.search;

/** An article like another by its text, with Lucene's similarity score (higher is closer). */
public record SimilarArticle(long id, float score) {
}
