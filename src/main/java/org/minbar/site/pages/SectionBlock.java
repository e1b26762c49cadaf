package org.minbar.site.pages;

import java.util.List;

/**
 * A section's latest articles, as a block on a page. {@code pictured}: how many of its first
 * teasers show a picture (or the designed block in place of a missing one); the rest are a compact
 * list of headlines.
 */
public record SectionBlock(String name, String path, boolean imageLed, List<Teaser> teasers, int pictured) {

    /** Image-led sections with nothing to show are left out rather than showing readers an empty block. */
    public boolean shown() {
        return !(imageLed && teasers.isEmpty());
    }
}
