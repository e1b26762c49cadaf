package org.minbar.taxonomy;

/** How a section's pages are laid out. */
public enum SectionKind {
    /** Headlines and excerpts. */
    NEWS,
    /** Image first, such as caricatures: pictures get the room. */
    IMAGE_LED
}
