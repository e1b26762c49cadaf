package org.minbar.site;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.minbar.site.pages.SectionBlock;
import org.minbar.site.pages.Teaser;

/**
 * The names of what a reader page shows (its surrogate keys): the page cache drops exactly the pages
 * a change touches by them, and a CDN purges by them ({@code Surrogate-Key} for Fastly and most
 * others; the page cache adds {@code Cache-Tag}, for Cloudflare, when configured). {@link #SITE} is on every page (the site's name, its
 * sections); {@link #HOME} on the home page; an article's key on every page that shows it, its
 * section's and tags' keys on their lists.
 */
final class SurrogateKeys {

    static final String HEADER = "Surrogate-Key";
    static final String CLOUDFLARE_HEADER = "Cache-Tag";
    static final String SITE = "site";
    static final String HOME = "home";

    private final Set<String> keys = new LinkedHashSet<>();

    SurrogateKeys() {
        keys.add(SITE);
    }

    static String article(long id) {
        return "article-" + id;
    }

    static String section(long id) {
        return "section-" + id;
    }

    static String tag(long id) {
        return "tag-" + id;
    }

    SurrogateKeys add(String key) {
        keys.add(key);
        return this;
    }

    SurrogateKeys articles(Collection<Long> ids) {
        ids.forEach(id -> keys.add(article(id)));
        return this;
    }

    SurrogateKeys teasers(Collection<Teaser> teasers) {
        teasers.forEach(t -> keys.add(article(t.id())));
        return this;
    }

    SurrogateKeys blocks(Collection<SectionBlock> blocks) {
        blocks.forEach(block -> teasers(block.teasers()));
        return this;
    }

    /** Names the page's keys on the response, for the page cache and for a CDN in front. */
    void on(HttpServletResponse response) {
        response.setHeader(HEADER, String.join(" ", keys));
    }

    /** The keys named by a {@link #HEADER} value. */
    static Set<String> parse(String header) {
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        return Set.copyOf(Arrays.asList(header.strip().split("\\s+")));
    }
}
