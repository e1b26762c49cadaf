package org.minbar.site.pages;

import java.util.List;
import org.minbar.taxonomy.Section;

/** What every reader page shares: masthead, section navigation, search box, footer. */
public record PageChrome(String siteName, String tagline, List<Section> sections, String query, String title,
        String description, String canonicalUrl, String today) {
}
