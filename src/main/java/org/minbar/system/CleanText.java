package org.minbar.system;

/**
 * Removes, on input, the characters that must never be stored: every text Minbar keeps ends up in
 * XML sooner or later (feeds, sitemaps, the WordPress export), and one character that XML 1.0 does
 * not allow makes a whole document unreadable. Every feature calls this where text comes in
 * (forms, API, importers); the XML writers call it again as a last defence.
 *
 * <p>{@link #text} is for free text (article bodies); {@link #title} is for titles, names, slugs
 * and the one-line texts shown with them (excerpts, captions, SEO fields), where Unicode bidi
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed too: they reorder
 * the characters around them and can make a title or a name look like another one. The implicit direction marks are kept (U+200E LRM, U+200F RLM, U+061C ALM): they
 * only set the direction of the neutral characters next to them (a full stop or a number after
 * Latin words in an Arabic title), cannot reorder letters, and Arabic editors use them on purpose.
 */
public final class CleanText {

    private CleanText() {
    }

    /** The value without surrounding white space, or null when there is nothing else. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The text without the characters XML 1.0 does not allow; null stays null. */
    public static String text(String value) {
        return clean(value, false);
    }

    /** A title, name or slug: as {@link #text}, and without bidi overrides and isolates; null stays null. */
    public static String title(String value) {
        return clean(value, true);
    }

    /**
     * Whether XML 1.0 allows the character (its {@code Char} production): TAB, LF, CR, U+0020 to
     * U+D7FF, U+E000 to U+FFFD and the supplementary planes. Surrogates are judged in pairs by the caller.
     */
    public static boolean allowedInXml(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }

    /** The bidi embedding, override and isolate controls (not the LRM/RLM/ALM marks). */
    public static boolean bidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    private static String clean(String value, boolean title) {
        if (value == null) {
            return null;
        }
        int length = value.length();
        int i = 0;
        // Fast path: almost every text is already clean and is returned as it is.
        while (i < length) {
            int cp = value.codePointAt(i);
            if (!keep(cp, title)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == length) {
            return value;
        }
        StringBuilder out = new StringBuilder(length);
        out.append(value, 0, i);
        while (i < length) {
            int cp = value.codePointAt(i);
            if (keep(cp, title)) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean keep(int cp, boolean title) {
        // codePointAt returns a lone surrogate as itself: it is outside every allowed range.
        return allowedInXml(cp) && !(title && bidiControl(cp));
    }
}
