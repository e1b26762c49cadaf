package org.minbar.site.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * What a page tells machines about itself: Open Graph type, the share image, feeds to subscribe
 * to, and schema.org JSON-LD blocks (already safe to embed).
 */
public record PageMeta(String type, String imageUrl, String imageAlt, List<FeedLink> feeds, List<String> jsonLd) {

    public PageMeta {
        feeds = List.copyOf(feeds);
        jsonLd = List.copyOf(jsonLd);
    }

    /** A {@code <link rel="alternate">} to a feed. */
    public record FeedLink(String type, String title, String href) {
    }

    public static PageMeta website(List<FeedLink> feeds) {
        return new PageMeta("website", null, null, feeds, List.of());
    }

    public PageMeta withType(String newType) {
        return new PageMeta(newType, imageUrl, imageAlt, feeds, jsonLd);
    }

    public PageMeta withImage(String url, String alt) {
        return new PageMeta(type, url, alt, feeds, jsonLd);
    }

    public PageMeta withFeeds(List<FeedLink> more) {
        List<FeedLink> all = new ArrayList<>(more);
        all.addAll(feeds);
        return new PageMeta(type, imageUrl, imageAlt, all, jsonLd);
    }

    public PageMeta withJsonLd(String... blocks) {
        List<String> all = new ArrayList<>(jsonLd);
        all.addAll(List.of(blocks));
        return new PageMeta(type, imageUrl, imageAlt, feeds, all);
    }
}
