package org.minbar.distribution;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Feeds' and sitemaps' settings ({@code minbar.feeds.*}, {@code minbar.sitemaps.*}), with their defaults
 * (and nowhere else). The publisher's logo in structured data is the site's logo ({@code org.minbar.cards.Logo}).
 *
 * @param feeds RSS and Atom feeds (/feed, /feed/atom, per section and tag)
 * @param sitemaps sitemaps
 */
@ConfigurationProperties("minbar")
@Validated
record DistributionProperties(@DefaultValue @Valid Feeds feeds, @DefaultValue @Valid Sitemaps sitemaps) {

    /**
     * @param fullContent feeds carry whole article bodies; false: excerpts only
     */
    record Feeds(@DefaultValue("true") boolean fullContent) {
    }

    /**
     * @param pageSize URLs per sitemap file (sitemaps.org allows at most 50,000)
     */
    record Sitemaps(
            @Positive(message = "must be greater than 0") @Max(value = 50_000, message = "must be at most 50000")
            @DefaultValue("50000") int pageSize) {
    }
}
