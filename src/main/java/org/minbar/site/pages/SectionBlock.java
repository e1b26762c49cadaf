package org.minbar.site.pages;

import java.util.List;

/** A section's latest articles, as a block on a page. */
public record SectionBlock(String name, String path, boolean imageLed, List<Teaser> teasers) {
}
