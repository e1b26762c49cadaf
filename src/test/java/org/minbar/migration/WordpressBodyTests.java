package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class WordpressBodyTests {

    @Test
    void gutenbergBlockCommentsAreRemovedAndParagraphsKept() {
        WordpressBody.Converted converted = WordpressBody.convert("""
                <!-- wp:paragraph -->
                <p>الفقرة الأولى</p>
                <!-- /wp:paragraph -->
                <!-- wp:heading {"level":2} -->
                <h2>عنوان</h2>
                <!-- /wp:heading -->""", id -> null);
        assertThat(converted.html()).doesNotContain("wp:").doesNotContain("<!--");
        Document doc = Jsoup.parseBodyFragment(converted.html());
        assertThat(doc.select("p")).hasSize(1);
        assertThat(doc.select("h2").text()).isEqualTo("عنوان");
    }

    @Test
    void classicTextGetsParagraphsAndLineBreaksLikeWpautop() {
        String html = WordpressBody.convert("السطر الأول\nالسطر الثاني\n\nفقرة ثانية\n\n<blockquote>اقتباس</blockquote>", id -> null).html();
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("body > p")).hasSize(2);
        assertThat(doc.select("body > p").first().select("br")).hasSize(1);
        assertThat(doc.select("body > blockquote")).hasSize(1);
        assertThat(doc.select("p blockquote")).isEmpty();
    }

    @Test
    void captionShortcodeBecomesAFigureWithItsCaption() {
        String html = WordpressBody.convert("[caption id=\"attachment_5\" width=\"300\"]<img src=\"/a.jpg\" alt=\"بديل\"> الوصف هنا[/caption]",
                id -> null).html();
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("figure > img").attr("src")).isEqualTo("/a.jpg");
        assertThat(doc.select("figure > figcaption").text()).isEqualTo("الوصف هنا");
        assertThat(html).doesNotContain("[caption");
    }

    @Test
    void galleryShortcodeBecomesAFigureOfItsKnownImages() {
        String html = WordpressBody.convert("[gallery ids=\"1,2,3\"]", id -> id == 2 ? null : "<img src=\"/m" + id + ".jpg\" alt=\"x\">")
                .html();
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("figure img")).extracting(e -> e.attr("src")).containsExactly("/m1.jpg", "/m3.jpg");
    }

    @Test
    void unknownShortcodesStayAsTextAndAreNamed() {
        WordpressBody.Converted converted = WordpressBody.convert("قبل [contact-form-7 id=\"5\"] بعد [1] [/embed]", id -> null);
        assertThat(converted.html()).contains("[contact-form-7 id=\"5\"]");
        assertThat(converted.unknownShortcodes()).containsExactly("contact-form-7", "embed");
    }
}
