package org.minbar.site.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * What a page tells machines about itself: Open Graph type, the share image (with its size when
 * known), an article's Open Graph facts, feeds to subscribe to, and schema.org JSON-LD blocks
 * (already safe to embed).
 */
public record PageMeta(String type, ShareImage image, ArticleFacts article, List<FeedLink> feeds, List<String> jsonLd) {

    public PageMeta {
        feeds = List.copyOf(feeds);
        jsonLd = List.copyOf(jsonLd);
    }

    /** A {@code <link rel="alternate">} to a feed. */
    public record FeedLink(String type, String title, String href) {
    }

    /** {@code og:image}: an absolute URL; width and height in pixels, or null when not known. */
    public record ShareImage(String url, String alt, Integer width, Integer height) {
    }

    /** {@code article:*} Open Graph tags: ISO 8601 times, the section's name (or null) and the tags' names. */
    public record ArticleFacts(String publishedTime, String modifiedTime, String section, List<String> tags) {

        public ArticleFacts {
            tags = List.copyOf(tags);
        }
    }

    public static PageMeta website(List<FeedLink> feeds) {
        return new PageMeta("website", null, null, feeds, List.of());
    }

    public String imageUrl() {
        return image == null ? null : image.url();
    }

    public String imageAlt() {
        return image == null ? null : image.alt();
    }

    public PageMeta withType(String newType) {
        return new PageMeta(newType, image, article, feeds, jsonLd);
    }

    public PageMeta withImage(String url, String alt) {
        return withImage(new ShareImage(url, alt, null, null));
    }

    public PageMeta withImage(ShareImage newImage) {
        return new PageMeta(type, newImage, article, feeds, jsonLd);
    }

    public PageMeta withArticle(ArticleFacts facts) {
        return new PageMeta(type, image, facts, feeds, jsonLd);
    }

    public PageMeta withFeeds(List<FeedLink> more) {
        List<FeedLink> all = new ArrayList<>(more);
        all.addAll(feeds);
        return new PageMeta(type, image, article, all, jsonLd);
    }

    public PageMeta withJsonLd(String... blocks) {
        List<String> all = new ArrayList<>(jsonLd);
        all.addAll(List.of(blocks));
        return new PageMeta(type, image, article, feeds, all);
    }
}
