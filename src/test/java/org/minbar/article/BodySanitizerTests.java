package org.minbar.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class BodySanitizerTests {

    @Test
    void headingsTheBodyCannotHoldMoveToTheNearestLevel() {
        Document doc = Jsoup.parseBodyFragment(BodySanitizer.sanitize("<h1>أ</h1><h2>ب</h2><h3>ج</h3><h4>د</h4><h5>هـ</h5><h6>و</h6>"));
        assertThat(doc.select("h2").eachText()).containsExactly("أ", "ب");
        assertThat(doc.select("h3").eachText()).containsExactly("ج", "د", "هـ", "و");
    }

    @Test
    void tablesAreKeptInAWrapperThatScrollsAndSanitizingTwiceChangesNothing() {
        String once = BodySanitizer.sanitize("<table onclick=\"x()\"><tr><th scope=\"col\" style=\"color:red\">الاسم</th></tr>"
                + "<tr><td colspan=\"2\">قيمة</td></tr></table>");
        Document doc = Jsoup.parseBodyFragment(once);
        assertThat(doc.select("div.table-scroll > table th[scope=col]").text()).isEqualTo("الاسم");
        assertThat(doc.select("td[colspan=2]").text()).isEqualTo("قيمة");
        assertThat(once).doesNotContain("onclick").doesNotContain("style");
        assertThat(BodySanitizer.sanitize(once)).isEqualTo(once);
        assertThat(Jsoup.parseBodyFragment(BodySanitizer.sanitize("<div class=\"table-scroll\" onclick=\"x()\"><p>نص</p></div>")).select("div"))
                .isEmpty();
    }

    @Test
    void emptyParagraphsBreaksBesideBlocksAndLooseTextAreTidied() {
        String html = BodySanitizer.sanitize("نص حر<h2>عنوان</h2><br><p></p><p>&nbsp;</p><p><br>فقرة<br></p><ul><li>بند</li></ul><br>&nbsp;");
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.body().children()).extracting(e -> e.tagName()).containsExactly("p", "h2", "p", "ul");
        assertThat(doc.select("p").eachText()).containsExactly("نص حر", "فقرة");
        assertThat(doc.select("br")).isEmpty();
        assertThat(BodySanitizer.sanitize(html)).isEqualTo(html);
    }

    @Test
    void aLineBreakInsideAParagraphStays() {
        Document doc = Jsoup.parseBodyFragment(BodySanitizer.sanitize("<p>السطر الأول<br>السطر الثاني</p>"));
        assertThat(doc.select("p br")).hasSize(1);
    }

    @Test
    void anImageWithoutAltGetsAnEmptyOneAndStillCountsAsMissingItsText() {
        String html = BodySanitizer.sanitize("<figure><img src=\"https://example.org/a.jpg\"></figure>");
        assertThat(Jsoup.parseBodyFragment(html).select("img[alt]")).hasSize(1);
        assertThat(BodySanitizer.hasImageWithoutAlt(html)).isTrue();
    }
}
