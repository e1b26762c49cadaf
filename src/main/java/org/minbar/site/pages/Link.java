package org.minbar.site.pages;

/** A named link on a reader page (a tag, say). */
public record Link(String name, String path) {
}
