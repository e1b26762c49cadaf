package org.minbar.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextHitInfo;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minbar.support.SeedFile;

/**
 * The share card as Java 2D draws it, headless: its size, the Arabic title shaped (joined letter forms)
 * and laid out right to left, Latin words and digits in their bidi order, long titles cut. The cards
 * drawn are saved in {@code target/screenshots/cards/} to look at.
 */
class ShareCardRendererTests {

    static final String LONG = "عنوان طويل جداً عن اجتماع مجلس الأمن الدولي بشأن الأوضاع الإنسانية في الشمال السوري وتداعيات"
            + " القرار الأخير على المساعدات العابرة للحدود والمخيمات المكتظة بالنازحين في فصل الشتاء القارس";
    static final String MIXED = "قمة G20 في 2021: Biden يلتقي Putin لمدة 3 ساعات";
    static final Path SAVED = Path.of("target/screenshots/cards");

    final CardRenderer renderer = new CardRenderer(CardFonts.KUFI);
    final FontRenderContext frc = new FontRenderContext(null, true, true);

    @BeforeAll
    static void headless() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(SAVED);
    }

    @Test
    void theSeedTitlesCardIsA1200By630PngThatDecodes() throws IOException {
        byte[] png = renderer.png(SeedFile.TITLE, "تقارير وتحقيقات", "منبر");
        Files.write(SAVED.resolve("seed.png"), png);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded.getWidth()).isEqualTo(1200);
        assertThat(decoded.getHeight()).isEqualTo(630);
        assertThat(png.length).as("small enough to keep hundreds in memory").isLessThan(120_000);
    }

    @Test
    void theSeedTitleIsShapedWithJoinedArabicForms() {
        Font font = renderer.draw(SeedFile.TITLE, "", "منبر").titleFont();
        String word = SeedFile.TITLE.substring(0, SeedFile.TITLE.indexOf(' ')); // بايدن
        char[] chars = word.toCharArray();
        GlyphVector unshaped = font.createGlyphVector(frc, chars); // one glyph per character, as the font maps them alone
        GlyphVector shaped = font.layoutGlyphVector(frc, chars, 0, chars.length, Font.LAYOUT_RIGHT_TO_LEFT);
        int missing = font.getMissingGlyphCode();
        List<Integer> alone = new ArrayList<>();
        List<Integer> joined = new ArrayList<>();
        for (int i = 0; i < unshaped.getNumGlyphs(); i++) {
            alone.add(unshaped.getGlyphCode(i));
        }
        for (int i = 0; i < shaped.getNumGlyphs(); i++) {
            joined.add(shaped.getGlyphCode(shaped.getNumGlyphs() - 1 - i)); // visual order, left to right: reversed
        }
        assertThat(alone).doesNotContain(missing);
        assertThat(joined).doesNotContain(missing);
        // ب (initial), ا (final), ي (initial), د (final), ن (isolated): the joined forms are other glyphs.
        int differing = 0;
        for (int i = 0; i < shaped.getNumGlyphs(); i++) {
            int logical = shaped.getGlyphCharIndex(i);
            if (shaped.getGlyphCode(i) != unshaped.getGlyphCode(logical)) {
                differing++;
            }
        }
        assertThat(differing).as("glyphs in contextual (joined) forms of " + word + ": " + joined + " vs " + alone)
                .isGreaterThanOrEqualTo(3);
        // The first letter is drawn right-most, the last left-most: right to left (its dots are glyphs of their own).
        int rightmost = 0;
        int leftmost = 0;
        for (int i = 1; i < shaped.getNumGlyphs(); i++) {
            if (shaped.getGlyphVisualBounds(i).getBounds2D().getMaxX() > shaped.getGlyphVisualBounds(rightmost).getBounds2D().getMaxX()) {
                rightmost = i;
            }
            if (shaped.getGlyphVisualBounds(i).getBounds2D().getMinX() < shaped.getGlyphVisualBounds(leftmost).getBounds2D().getMinX()) {
                leftmost = i;
            }
        }
        assertThat(shaped.getGlyphCharIndex(rightmost)).isZero();
        assertThat(shaped.getGlyphCharIndex(leftmost)).isEqualTo(chars.length - 1);
    }

    @Test
    void theCardsTitleLinesRunRightToLeftAndKeepTheWholeTitle() {
        CardRenderer.Drawn drawn = renderer.draw(SeedFile.TITLE, "تقارير وتحقيقات", "منبر");
        assertThat(drawn.titleLines()).isNotEmpty().hasSizeLessThanOrEqualTo(CardRenderer.MAX_TITLE_LINES);
        assertThat(String.join("", drawn.titleTexts()).replaceAll("\\s+", " ").strip()).isEqualTo(SeedFile.TITLE);
        for (TextLayout line : drawn.titleLines()) {
            assertThat(line.isLeftToRight()).isFalse();
            float start = caretX(line, 0);
            assertThat(start).as("the line's first character is at its right end")
                    .isGreaterThan(line.getAdvance() - line.getAdvance() / 10);
            assertThat(line.getVisibleAdvance()).isLessThanOrEqualTo(CardRenderer.WIDTH - 160);
        }
        // Right-aligned: ink reaches the right margin in the first title line's band, the left half has less of it.
        BufferedImage image = drawn.image();
        int rightmost = -1;
        for (int x = image.getWidth() - 1; x >= 0 && rightmost < 0; x--) {
            for (int y = 160; y < 260; y++) {
                if (dark(image.getRGB(x, y))) {
                    rightmost = x;
                    break;
                }
            }
        }
        assertThat(rightmost).as("the title ends at the right margin (x 1120)").isBetween(1100, 1121);
    }

    @Test
    void latinWordsAndDigitsKeepTheirBidiOrderInsideTheArabicTitle() throws IOException {
        CardRenderer.Drawn drawn = renderer.draw(MIXED, "سياسة", "منبر");
        Files.write(SAVED.resolve("mixed.png"), CardRenderer.encode(drawn.image()));
        int lineIndex = 0;
        while (!drawn.titleTexts().get(lineIndex).contains("Biden")) {
            lineIndex++;
        }
        TextLayout line = drawn.titleLines().get(lineIndex);
        String text = drawn.titleTexts().get(lineIndex);
        assertThat(text).contains("قمة", "G20", "2021", "Biden");
        int qaf = text.indexOf("قمة");
        int g = text.indexOf("G20");
        int year = text.indexOf("2021");
        int biden = text.indexOf("Biden");
        // Arabic reads from the right: قمة, then G20, then 2021, then Biden, further and further left.
        assertThat(caretX(line, qaf)).isGreaterThan(caretX(line, g));
        assertThat(caretX(line, g)).isGreaterThan(caretX(line, year));
        assertThat(caretX(line, year)).isGreaterThan(caretX(line, biden));
        // Inside a Latin word or a number, left to right.
        assertThat(caretX(line, biden)).isLessThan(caretX(line, biden + 4));
        assertThat(caretX(line, g)).isLessThan(caretX(line, g + 2));
        assertThat(caretX(line, year)).isLessThan(caretX(line, year + 3));
    }

    @Test
    void aLongTitleIsCutToFourLinesEndingWithAnEllipsis() throws IOException {
        CardRenderer.Drawn drawn = renderer.draw(LONG, "سياسة", "منبر");
        Files.write(SAVED.resolve("long.png"), CardRenderer.encode(drawn.image()));
        assertThat(drawn.titleLines()).hasSize(CardRenderer.MAX_TITLE_LINES);
        List<String> texts = drawn.titleTexts();
        assertThat(texts.get(texts.size() - 1)).endsWith("…");
        String shown = String.join("", texts).replace("…", "").replaceAll("\\s+", " ").strip();
        assertThat(LONG).startsWith(shown);
        assertThat(shown.length()).isLessThan(LONG.length());
        assertThat(LONG.substring(shown.length())).as("cut between words").startsWith(" ");
        for (TextLayout line : drawn.titleLines()) {
            assertThat(line.getVisibleAdvance()).as("trailing spaces aside").isLessThanOrEqualTo(CardRenderer.WIDTH - 160);
        }
    }

    @Test
    void aShortTitleTakesTheLargestSize() {
        Font shortTitle = renderer.draw("هدنة في غزة", null, "منبر").titleFont();
        Font longTitle = renderer.draw(LONG, null, "منبر").titleFont();
        assertThat(shortTitle.getSize2D()).isGreaterThan(longTitle.getSize2D());
    }

    private static float caretX(TextLayout line, int index) {
        return line.getCaretInfo(TextHitInfo.leading(index))[0];
    }

    private static boolean dark(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r < 90 && g < 90 && b < 90;
    }
}
