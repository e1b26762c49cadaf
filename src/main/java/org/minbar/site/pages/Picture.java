package org.minbar.site.pages;

/**
 * An image from the media library as a reader page shows it: its sizes for {@code srcset}, alt text (or ""), caption and credit (or null).
 * {@code url}, {@code width} and {@code height} are the largest size's.
 */
public record Picture(String url, String srcset, int width, int height, String alt, String caption, String credit) {

    /** The narrowest size in {@code srcset} at least {@code minWidth} wide, else the largest. */
    public String urlFor(int minWidth) {
        String chosen = url;
        int chosenWidth = Integer.MAX_VALUE;
        for (String candidate : srcset.split(",\\s*")) {
            int space = candidate.lastIndexOf(' ');
            if (space < 0 || !candidate.endsWith("w")) {
                continue;
            }
            int width;
            try {
                width = Integer.parseInt(candidate.substring(space + 1, candidate.length() - 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (width >= minWidth && width < chosenWidth) {
                chosen = candidate.substring(0, space);
                chosenWidth = width;
            }
        }
        return chosen;
    }
}
