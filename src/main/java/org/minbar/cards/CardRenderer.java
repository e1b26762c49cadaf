package org.minbar.cards;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.AttributedCharacterIterator;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws an article's share card: 1200×630 (the size Facebook, X and LinkedIn show large), its section
 * at the top, its title in the site's heading typeface (Noto Kufi Arabic Bold), shaped and right to
 * left, wrapped to at most four lines (an ellipsis ends a longer one), and the site's name with the
 * logo's mark at the foot. Pure Java 2D, so it runs headless.
 */
final class CardRenderer {

    static final int WIDTH = 1200;
    static final int HEIGHT = 630;
    /** Title sizes tried, largest first, each with the lines it may take; the last one cuts with an ellipsis. */
    private static final float[][] TITLE_SIZES = {{72, 3}, {62, 4}, {54, 4}};
    static final int MAX_TITLE_LINES = 4;
    private static final float LINE_HEIGHT = 1.55f;
    private static final int MARGIN = 80;
    private static final int TITLE_TOP = 140;
    private static final int TITLE_BOTTOM = 505;
    private static final String ELLIPSIS = "…";

    static final Color PAPER = new Color(0xfbfaf7);
    static final Color INK = new Color(0x1b1b1b);
    static final Color ACCENT = new Color(0x8b1a1a);
    private static final Color RULE = new Color(0xdcd8cf);

    private final CardFonts fonts;

    CardRenderer(CardFonts fonts) {
        this.fonts = fonts;
    }

    /** What was drawn: the image, and the title's lines (for tests of the shaping and wrapping). */
    record Drawn(BufferedImage image, Font titleFont, List<TextLayout> titleLines, List<String> titleTexts) {
    }

    /** The card as PNG bytes. */
    byte[] png(String title, String section, String siteName) {
        return encode(draw(title, section, siteName).image());
    }

    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("No PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG in memory", e);
        }
        return bytes.toByteArray();
    }

    Drawn draw(String title, String section, String siteName) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Lines lines;
        try {
            quality(g);
            g.setColor(PAPER);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(ACCENT);
            g.fillRect(0, 0, WIDTH, 14);
            FontRenderContext frc = g.getFontRenderContext();
            int right = WIDTH - MARGIN;

            if (section != null && !section.isBlank()) {
                TextLayout label = line(section.strip(), fonts.bold(34), frc, WIDTH - 2 * MARGIN);
                g.setColor(ACCENT);
                label.draw(g, right - label.getAdvance(), 100);
            }

            lines = titleLines(title == null ? "" : title.strip(), frc);
            float lineHeight = lines.font().getSize2D() * LINE_HEIGHT;
            float block = lines.layouts().size() * lineHeight;
            // Centred in the title's area; a baseline sits about two thirds down its line.
            float y = TITLE_TOP + Math.max(0, (TITLE_BOTTOM - TITLE_TOP - block) / 2) + lineHeight * 0.68f;
            g.setColor(INK);
            for (TextLayout layout : lines.layouts()) {
                layout.draw(g, right - layout.getAdvance(), y);
                y += lineHeight;
            }

            g.setColor(RULE);
            g.setStroke(new BasicStroke(2));
            g.draw(new Line2D.Float(MARGIN, 530, right, 530));
            LogoMark mark = LogoMark.DEFAULT;
            float markHeight = 52;
            float markWidth = mark.width(markHeight);
            AffineTransform at = g.getTransform();
            g.translate(right - markWidth, 552);
            g.setColor(ACCENT);
            g.fill(mark.shape(markHeight));
            g.setTransform(at);
            TextLayout name = line(siteName, fonts.bold(38), frc, WIDTH - 2 * MARGIN - markWidth - 20);
            name.draw(g, right - markWidth - 18 - name.getAdvance(), 596);
        } finally {
            g.dispose();
        }
        return new Drawn(image, lines.font(), lines.layouts(), lines.texts());
    }

    private record Lines(Font font, List<TextLayout> layouts, List<String> texts) {
    }

    /** The largest size at which the title fits its lines; at the smallest, the last line ends with an ellipsis. */
    private Lines titleLines(String title, FontRenderContext frc) {
        float width = WIDTH - 2 * MARGIN;
        Lines chosen = null;
        for (int i = 0; i < TITLE_SIZES.length && chosen == null; i++) {
            Font font = fonts.bold(TITLE_SIZES[i][0]);
            int allowed = (int) TITLE_SIZES[i][1];
            boolean last = i == TITLE_SIZES.length - 1;
            chosen = wrap(title, font, frc, width, allowed, last);
        }
        return chosen;
    }

    /** {@code text} wrapped at word breaks to {@code width}; null when it takes more than {@code maxLines} and may not be cut. */
    private Lines wrap(String text, Font font, FontRenderContext frc, float width, int maxLines, boolean cut) {
        List<TextLayout> layouts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        if (text.isEmpty()) {
            return new Lines(font, layouts, texts);
        }
        AttributedCharacterIterator chars = fonts.paragraph(text, font).getIterator();
        LineBreakMeasurer measurer = new LineBreakMeasurer(chars, BreakIterator.getLineInstance(new Locale("ar")), frc);
        while (measurer.getPosition() < text.length()) {
            int start = measurer.getPosition();
            if (layouts.size() == maxLines - 1) {
                // The last line allowed: the rest, if it fits, else cut with an ellipsis.
                TextLayout rest = measurer.nextLayout(width);
                if (measurer.getPosition() >= text.length()) {
                    layouts.add(rest);
                    texts.add(text.substring(start));
                    break;
                }
                if (!cut) {
                    return null;
                }
                String shown = ellipsized(text.substring(start), font, frc, width);
                layouts.add(line(shown, font, frc, Float.MAX_VALUE));
                texts.add(shown);
                break;
            }
            layouts.add(measurer.nextLayout(width));
            texts.add(text.substring(start, measurer.getPosition()));
        }
        return new Lines(font, layouts, texts);
    }

    /** The longest run of whole words of {@code rest} that fits {@code width} with an ellipsis after it. */
    private String ellipsized(String rest, Font font, FontRenderContext frc, float width) {
        String shown = rest.strip();
        while (!shown.isEmpty()) {
            String candidate = shown + ELLIPSIS;
            if (new TextLayout(fonts.paragraph(candidate, font).getIterator(), frc).getAdvance() <= width) {
                return candidate;
            }
            int space = shown.lastIndexOf(' ');
            // A single word too long for the line loses letters instead.
            shown = space > 0 ? shown.substring(0, space).strip() : shown.substring(0, shown.offsetByCodePoints(shown.length(), -1));
        }
        return ELLIPSIS;
    }

    /** One line of text, cut with an ellipsis when wider than {@code width}. */
    private TextLayout line(String text, Font font, FontRenderContext frc, float width) {
        String shown = text.isEmpty() ? " " : text;
        TextLayout layout = new TextLayout(fonts.paragraph(shown, font).getIterator(), frc);
        if (layout.getAdvance() > width) {
            layout = new TextLayout(fonts.paragraph(ellipsized(shown, font, frc, width), font).getIterator(), frc);
        }
        return layout;
    }

    static void quality(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }
}
