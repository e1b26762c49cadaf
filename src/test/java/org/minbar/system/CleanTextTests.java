package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class CleanTextTests {

    /** Every C0 control but TAB, LF and CR. */
    static final String C0 = c0();
    static final String BIDI = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

    static String c0() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            if (c != '\t' && c != '\n' && c != '\r') {
                s.append(c);
            }
        }
        return s.toString();
    }

    @Test
    void textLosesEveryCharacterXmlDoesNotAllow() {
        String dirty = "خبر" + C0 + " عاجل\uFFFE\uFFFF" + "\uD800" + "x" + "\uDC00";
        assertThat(CleanText.text(dirty)).isEqualTo("خبر عاجلx");
    }

    @Test
    void textKeepsWhitespaceBidiMarksAndSupplementaryCharacters() {
        String clean = "سطر\tأول\nسطر\r\nثان \u200Fعربي\u200E English\u061C 😀 \uFFFD \u0085 \u007F";
        assertThat(CleanText.text(clean)).isSameAs(clean);
        assertThat(CleanText.title(clean)).isSameAs(clean);
    }

    @Test
    void textKeepsBidiOverridesButTitlesLoseThem() {
        String dirty = "\u202Eمنبر\u202C \u2067news\u2069";
        assertThat(CleanText.text(dirty)).isEqualTo(dirty);
        assertThat(CleanText.title(dirty)).isEqualTo("منبر news");
        assertThat(CleanText.title(BIDI + C0)).isEmpty();
    }

    @Test
    void nullStaysNull() {
        assertThat(CleanText.text(null)).isNull();
        assertThat(CleanText.title(null)).isNull();
    }

    @Test
    void everyCodePointLeftIsAcceptedByAnXmlParser() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp < 0x10000; cp++) {
            all.append((char) cp);
        }
        all.append("\uD83D\uDE00"); // a valid pair survives
        String cleaned = CleanText.text(all.toString());
        assertThat(cleaned).contains("\uD83D\uDE00").doesNotContain("\u0001", "\u000B", "\uFFFE", "\uFFFF");
        String xml = "<t>" + cleaned.replace("&", "&amp;").replace("<", "&lt;") + "</t>";
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        assertThat(document.getDocumentElement().getTextContent()).isNotEmpty();
    }
}
