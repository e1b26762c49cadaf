package org.minbar.site.pages;

/** An image from the media library as a reader page shows it: its sizes for {@code srcset}, alt text (or ""), caption and credit (or null). */
public record Picture(String url, String srcset, int width, int height, String alt, String caption, String credit) {
}
