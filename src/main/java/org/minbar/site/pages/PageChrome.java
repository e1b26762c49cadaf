package org.minbar.site.pages;

import java.util.List;
import org.minbar.taxonomy.Section;

/**
 * What every reader page shares: masthead (with the logo, {@code brand}), section navigation, search
 * box, footer, and its metadata.
 */
public record PageChrome(String siteName, String tagline, List<Section> sections, String query, String title,
        String description, String canonicalUrl, String today, PageMeta meta, Brand brand) {

    /** The masthead's logo: its address and size in pixels; null: the site's name as text. */
    public record Brand(String logoUrl, int width, int height) {
    }

    /** A page with the site's feeds and no other metadata, the name as text in the masthead. */
    public PageChrome(String siteName, String tagline, List<Section> sections, String query, String title,
            String description, String canonicalUrl, String today) {
        this(siteName, tagline, sections, query, title, description, canonicalUrl, today, PageMeta.website(List.of()), null);
    }

    public PageChrome withMeta(PageMeta newMeta) {
        return new PageChrome(siteName, tagline, sections, query, title, description, canonicalUrl, today, newMeta, brand);
    }
}
