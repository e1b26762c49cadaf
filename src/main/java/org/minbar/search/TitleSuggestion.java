package org.minbar.search;

/** A headline offered while the reader types. */
public record TitleSuggestion(long id, String title, String path) {
}
