package org.minbar.site.pages;

/**
 * An article in a list: headline, link, and what is needed around it. {@code picture} is its lead
 * image from the media library (sizes for {@code srcset}), else null; {@code imageUrl} is the lead
 * image's address whatever its origin. {@code tone} (0-7) colours the designed block shown in place
 * of a missing picture, by section. {@code when} is what the reader sees of the date: the time of day
 * too for a story of the last two days ({@code isoDate} lets a script say «منذ ٣ ساعات»).
 */
public record Teaser(long id, String title, String path, String excerpt, String sectionName, String sectionPath,
        String date, String isoDate, String imageUrl, String imageAlt, Picture picture, int tone, String when) {

    /** The narrowest size at least {@code minWidth} wide, for a thumbnail's {@code src}. */
    public String thumbnailUrl(int minWidth) {
        return picture == null ? imageUrl : picture.urlFor(minWidth);
    }
}
