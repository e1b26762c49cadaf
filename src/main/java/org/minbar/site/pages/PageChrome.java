package org.minbar.site.pages;

import java.util.List;
import org.minbar.taxonomy.Section;

/** What every reader page shares: masthead, section navigation, search box, footer, and its metadata. */
public record PageChrome(String siteName, String tagline, List<Section> sections, String query, String title,
        String description, String canonicalUrl, String today, PageMeta meta) {

    /** A page with the site's feeds and no other metadata. */
    public PageChrome(String siteName, String tagline, List<Section> sections, String query, String title,
            String description, String canonicalUrl, String today) {
        this(siteName, tagline, sections, query, title, description, canonicalUrl, today, PageMeta.website(List.of()));
    }

    public PageChrome withMeta(PageMeta newMeta) {
        return new PageChrome(siteName, tagline, sections, query, title, description, canonicalUrl, today, newMeta);
    }
}
