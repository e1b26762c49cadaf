package org.minbar.migration;

import java.util.List;

/** What a WordPress export says before its items: the site, its authors and its terms. */
record WxrChannel(String version, String baseSiteUrl, String link, List<Author> authors, List<Category> categories,
        List<TagTerm> tags) {

    record Author(String login, String displayName) {
    }

    /** {@code parent} is the parent's nicename, or empty; {@code line} and {@code column}: where it is in the file. */
    record Category(String nicename, String name, String parent, long line, long column) {
    }

    record TagTerm(String slug, String name, long line, long column) {
    }

    /** The key of the site in re-runs: its base URL without a trailing slash. */
    String siteKey() {
        String url = baseSiteUrl != null && !baseSiteUrl.isBlank() ? baseSiteUrl : link == null ? "" : link;
        return url.strip().replaceAll("/+$", "");
    }
}
