package org.minbar.site;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reader pages' settings under {@code minbar.site}, with their defaults (and nowhere else). The
 * site's name, tagline, address and time zone, which other features share, are in
 * {@code org.minbar.system.SystemProperties}.
 *
 * @param monthNames month names in dates: levant (كانون الأول) or gregorian (ديسمبر)
 * @param digits digits in dates: western (2021) or arabic-indic (٢٠٢١)
 * @param articleSections section blocks under each article, by slug, comma-separated; | puts two side by side
 * @param caching what reader pages tell browsers and CDNs, and the CDN purge hook
 * @param renders how many one-off page renderings (for a session, or of a page not kept yet) run at once
 */
@ConfigurationProperties("minbar.site")
@Validated
record SiteProperties(
        @NotNull(message = "must be levant or gregorian") @DefaultValue("levant") MonthNames monthNames,
        @NotNull(message = "must be western or arabic-indic") @DefaultValue("western") Digits digits,
        @DefaultValue("caricature,reports,health|society") String articleSections,
        @Valid @DefaultValue Caching caching,
        @Valid @DefaultValue Renders renders) {

    /**
     * @param concurrent renderings at once (0: twice the number of cores)
     * @param maxWait how long a rendering waits for its turn before it is answered 503
     */
    record Renders(@Min(value = 0, message = "must be 0 (twice the cores) or more") @DefaultValue("0") int concurrent,
            @NotNull @DefaultValue("5s") java.time.Duration maxWait) {
    }

    /**
     * @param staleWhileRevalidate seconds a browser or CDN may show a page it has while it fetches it
     *        again (0: none; the page itself may be kept for a second by a CDN)
     * @param purgeUrl where a POST names the surrogate keys of pages a change makes stale (empty: no
     *        purge; a CDN in front then shows a change within a second and the stale time above)
     * @param purgeToken sent as {@code Authorization: Bearer} with the purge (from the environment, not a file in the repository)
     * @param cacheTag also name the pages' surrogate keys in {@code Cache-Tag} (comma-separated), as Cloudflare reads them
     */
    record Caching(@Min(value = 0, message = "must be 0 or more seconds") @DefaultValue("10") int staleWhileRevalidate,
            URI purgeUrl, String purgeToken, @DefaultValue("false") boolean cacheTag) {
    }

    enum MonthNames {
        /** كانون الأول: the Syrian Arabic (CLDR ar-SY) names. */
        LEVANT,
        /** ديسمبر: the Egyptian Arabic (CLDR ar-EG) names. */
        GREGORIAN
    }

    enum Digits {
        WESTERN,
        ARABIC_INDIC
    }

    SiteProperties {
        articleSections = articleSections == null ? "" : articleSections;
    }

    /** The rows of section blocks under an article: {@code caricature,reports,health|society} is three rows, the last of two. */
    List<List<String>> articleSectionRows() {
        List<List<String>> rows = new ArrayList<>();
        for (String row : articleSections.split(",")) {
            List<String> slugs = Arrays.stream(row.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (!slugs.isEmpty()) {
                rows.add(slugs);
            }
        }
        return rows;
    }
}
