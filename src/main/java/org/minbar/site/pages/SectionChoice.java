package org.minbar.site.pages;

/** A section a reader may choose, by id, with its name (the newsletter's sections). */
public record SectionChoice(long id, String name) {
}
