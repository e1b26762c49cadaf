package org.minbar.newsroom.views;

/** One line of a comparison: kept, removed (only in the older) or added (only in the newer). */
public record DiffLine(String kind, String text) {
}
