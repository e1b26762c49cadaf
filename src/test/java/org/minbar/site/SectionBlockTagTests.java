package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.minbar.site.pages.Picture;
import org.minbar.site.pages.SectionBlock;
import org.minbar.site.pages.Teaser;

/** {@code tag/section-block.jte} and the teasers in it, rendered by the precompiled templates as the site does. */
class SectionBlockTagTests {

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    private static final Picture PHOTO = new Picture("/media/2026/11/7-k3f9x2ab-1024.jpg",
            "/media/2026/11/7-k3f9x2ab-320.jpg 320w, /media/2026/11/7-k3f9x2ab-1024.jpg 1024w", 1024, 576, "جبل", null, null);

    private static Teaser teaser(long id, Picture picture, int tone) {
        return new Teaser(id, "خبر " + id, "/news/" + id + "/x", null, "سياسة", "/section/politics", "7 كانون الأول 2021",
                "2021-12-07T19:30+02:00", picture == null ? null : picture.url(), picture == null ? null : "جبل", picture, tone,
                "7 كانون الأول 2021");
    }

    private Document render(SectionBlock block) {
        StringOutput output = new StringOutput();
        templates.render("tag/section-block.jte", Map.of("block", block, "idPrefix", "home"), output);
        return Jsoup.parseBodyFragment(output.toString());
    }

    @Test
    void anImageLedSectionWithNothingToShowIsLeftOut() {
        Document empty = render(new SectionBlock("كاريكاتير", "/section/caricature", true, List.of(), 3));
        assertThat(empty.body().children()).isEmpty();
        assertThat(empty.text()).doesNotContain("لا منشورات");
        Document news = render(new SectionBlock("سياسة", "/section/politics", false, List.of(), 0));
        assertThat(news.select("section.section-block .muted").text()).isEqualTo("لا منشورات في هذا القسم بعد.");
    }

    @Test
    void picturedTeasersShowTheSmallSizeOrTheSectionsBlockAndTheRestAreHeadlines() {
        Document block = render(new SectionBlock("تقارير وتحقيقات", "/section/reports", false,
                List.of(teaser(1, PHOTO, 2), teaser(2, null, 5), teaser(3, PHOTO, 2)), 2));
        List<Element> items = block.select("li.teaser");
        assertThat(items).hasSize(3);
        Element img = items.get(0).selectFirst(".teaser-image img");
        assertThat(img.attr("src")).isEqualTo("/media/2026/11/7-k3f9x2ab-320.jpg");
        assertThat(img.attr("srcset")).isEqualTo(PHOTO.srcset());
        assertThat(img.attr("width")).isEqualTo("1024");
        assertThat(img.attr("height")).isEqualTo("576");
        assertThat(img.attr("loading")).isEqualTo("lazy");
        assertThat(img.attr("alt")).as("the headline beside it says it").isEmpty();
        assertThat(items.get(0).selectFirst(".teaser-image").attr("tabindex")).isEqualTo("-1");
        Element fallback = items.get(1).selectFirst(".teaser-image .picture-fallback");
        assertThat(fallback.classNames()).contains("tone-5");
        assertThat(fallback.text()).isEqualTo("سياسة");
        assertThat(items.get(1).select("img")).as("no image request for a missing photo").isEmpty();
        assertThat(items.get(2).select(".teaser-image")).as("past the pictured ones: a headline").isEmpty();
        assertThat(items).allSatisfy(item -> assertThat(item.selectFirst("time[data-relative]").attr("datetime")).isNotBlank());
    }
}
