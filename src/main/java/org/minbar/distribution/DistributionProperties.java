package org.minbar.distribution;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Feeds', sitemaps' and structured data's settings ({@code minbar.feeds.*}, {@code minbar.sitemaps.*},
 * {@code minbar.site.logo}), with their defaults (and nowhere else).
 *
 * @param feeds RSS and Atom feeds (/feed, /feed/atom, per section and tag)
 * @param sitemaps sitemaps
 * @param site what structured data shows of the publisher
 */
@ConfigurationProperties("minbar")
@Validated
record DistributionProperties(@DefaultValue @Valid Feeds feeds, @DefaultValue @Valid Sitemaps sitemaps,
        @DefaultValue @Valid Site site) {

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

    /**
     * @param logo publisher logo in structured data: a path on this site or an absolute URL
     */
    record Site(@NotBlank(message = "must not be empty") @DefaultValue("/favicon.svg") String logo) {
    }
}
