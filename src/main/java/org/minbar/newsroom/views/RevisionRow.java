package org.minbar.newsroom.views;

/** One saved revision in the history: its number, who saved it when, its note and the title it had. */
public record RevisionRow(int number, String author, String savedAt, String note, String title) {
}
