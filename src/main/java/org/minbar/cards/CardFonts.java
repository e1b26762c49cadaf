package org.minbar.cards;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.TextAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.AttributedString;
import java.util.Map;

/**
 * The site's heading typeface, Noto Kufi Arabic, as Java 2D reads it (TrueType in
 * {@code src/main/resources/cards/}, made by {@code src/main/fonts/subset.sh}), and the text attributes
 * that make Java 2D shape it as Arabic, right to left.
 */
final class CardFonts {

    static final CardFonts KUFI = new CardFonts("/cards/noto-kufi-arabic-400.ttf", "/cards/noto-kufi-arabic-700.ttf");

    private final Font regular;
    private final Font bold;
    /** For what the subset lacks (a Latin accent, another script): the JDK's logical sans-serif font. */
    private final Font fallback = new Font(Font.SANS_SERIF, Font.BOLD, 1);

    private CardFonts(String regular, String bold) {
        this.regular = load(regular);
        this.bold = load(bold);
    }

    private static Font load(String resource) {
        try (InputStream in = CardFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing font " + resource + " on the class path");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the font " + resource, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("Not a TrueType font: " + resource, e);
        }
    }

    Font regular(float size) {
        return regular.deriveFont(size);
    }

    Font bold(float size) {
        return bold.deriveFont(size);
    }

    /**
     * {@code text} as a right-to-left paragraph in {@code font}: the Unicode bidi algorithm orders its
     * Latin words and digits inside the Arabic, and Arabic runs are shaped (joined forms). A character
     * the font lacks is taken from the fallback font, so it shows instead of a box.
     */
    AttributedString paragraph(String text, Font font) {
        AttributedString attributed = new AttributedString(text, Map.of(TextAttribute.RUN_DIRECTION,
                TextAttribute.RUN_DIRECTION_RTL));
        Font other = fallback.deriveFont(font.getFontName().contains("Bold") ? Font.BOLD : Font.PLAIN, font.getSize2D());
        int start = 0;
        while (start < text.length()) {
            int missing = font.canDisplayUpTo(text.substring(start));
            int end = missing < 0 ? text.length() : start + missing;
            if (end > start) {
                attributed.addAttribute(TextAttribute.FONT, font, start, end);
            }
            if (end < text.length()) {
                int next = end + Character.charCount(text.codePointAt(end));
                attributed.addAttribute(TextAttribute.FONT, other, end, next);
                end = next;
            }
            start = end;
        }
        return attributed;
    }
}
