package org.minbar.newsroom.views;

/** The stored version that a save collided with, shown beside the editor's own (unsaved) text. */
public record Conflict(int version, String updated, String title, String bodyText, String excerpt) {
}
