package org.minbar.newsroom.views;

/** An option of a newsroom form's list (a section, a status): the value sent and the Arabic name shown. */
public record Choice(String value, String name) {
}
