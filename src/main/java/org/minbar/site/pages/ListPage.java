package org.minbar.site.pages;

import java.util.List;

/** A section, tag or search result list with pages. */
public record ListPage(PageChrome chrome, String kind, String heading, boolean imageLed, List<Teaser> items,
        String summary, String emptyMessage, String previousPath, String nextPath, String pageLabel, List<Tab> tabs) {

    /** A link to another view of the same list, such as "this week" next to "today". */
    public record Tab(String label, String path, boolean current) {
    }
}
