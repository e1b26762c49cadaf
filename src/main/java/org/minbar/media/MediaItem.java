package org.minbar.media;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An image of the media library. {@code url}, {@code width}, {@code height}, {@code mimeType} and
 * {@code bytes} describe its largest rendition (at most the widest configured width, never upscaled);
 * {@code renditions} lists every width, narrowest first, for {@code srcset}. Alt text, caption and
 * credit are plain text (escape them on output); {@code originalFilename} is as the uploader named it.
 * {@code originalUrl} is the full-size image (the largest rendition when the upload was not wider).
 */
public record MediaItem(long id, String url, int width, int height, String mimeType, long bytes, String alt,
        String caption, String credit, String originalFilename, String uploadedBy, Instant uploadedAt,
        List<Rendition> renditions, String originalUrl, int originalWidth, int originalHeight) {

    /** One stored width of the image. */
    public record Rendition(int width, int height, String url) {
    }

    public MediaItem {
        renditions = List.copyOf(renditions);
    }

    /** The {@code srcset} attribute: {@code /media/2026/11/7-k3f9x2ab-320.jpg 320w, ...}. */
    public String srcset() {
        return renditions.stream().map(r -> r.url() + " " + r.width() + "w").collect(Collectors.joining(", "));
    }

    /** Whether alt text was written (required before an article with this image is published). */
    public boolean hasAlt() {
        return alt != null && !alt.isBlank();
    }

    /** The narrowest rendition at least {@code minWidth} wide, else the largest: for thumbnails. */
    public Rendition renditionFor(int minWidth) {
        return renditions.stream().filter(r -> r.width() >= minWidth).findFirst()
                .orElse(renditions.get(renditions.size() - 1));
    }
}
