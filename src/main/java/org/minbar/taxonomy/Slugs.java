package org.minbar.taxonomy;

import java.text.Normalizer;
import java.util.Locale;

/** Readable URL slugs that keep Arabic letters: "بايدن وبوتين.. والتطبيع" becomes "بايدن-وبوتين-والتطبيع". */
public final class Slugs {

    private static final int MAX_LENGTH = 80;

    private Slugs() {
    }

    public static String of(String text) {
        String normalized = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .replaceAll("[\\u064B-\\u065F\\u0670\\u0640\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (dash && !slug.isEmpty()) {
                    slug.append('-');
                }
                slug.appendCodePoint(cp);
                dash = false;
            } else {
                dash = true;
            }
        }
        String result = slug.toString();
        if (result.length() > MAX_LENGTH) {
            int cut = result.lastIndexOf('-', MAX_LENGTH);
            result = result.substring(0, cut > 20 ? cut : MAX_LENGTH);
        }
        return result.isEmpty() ? "n" : result;
    }
}
