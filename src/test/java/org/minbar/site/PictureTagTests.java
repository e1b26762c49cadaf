package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.minbar.media.MediaItem;
import org.minbar.site.pages.Picture;

/** The reader site's {@code tag/picture.jte} with a media library item, rendered by the precompiled templates as the site does. */
class PictureTagTests {

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    /** A media library item as the page shows it (PageBuilder.picture). */
    private static Picture item(String alt, String caption, String credit) {
        String base = "/media/2026/11/7-k3f9x2ab-";
        return PageBuilder.picture(new MediaItem(7, base + "1024.jpg", 1024, 683, "image/jpeg", 90_000, alt, caption, credit, "cartoon.jpg",
                "sara", Instant.parse("2026-11-29T10:00:00Z"),
                List.of(new MediaItem.Rendition(320, 213, base + "320.jpg"), new MediaItem.Rendition(640, 427, base + "640.jpg"),
                        new MediaItem.Rendition(1024, 683, base + "1024.jpg")),
                base + "1024.jpg", 1024, 683));
    }

    private Document render(Map<String, Object> params) {
        StringOutput output = new StringOutput();
        templates.render("tag/picture.jte", params, output);
        return Jsoup.parseBodyFragment(output.toString());
    }

    @Test
    void rendersAResponsiveImageWithItsSizeSoThePageDoesNotJump() {
        Element img = render(Map.of("item", item("رسم ساخر عن المفاوضات", null, null))).selectFirst("img");
        assertThat(img.attr("src")).isEqualTo("/media/2026/11/7-k3f9x2ab-1024.jpg");
        assertThat(img.attr("srcset")).isEqualTo("/media/2026/11/7-k3f9x2ab-320.jpg 320w, /media/2026/11/7-k3f9x2ab-640.jpg 640w, "
                + "/media/2026/11/7-k3f9x2ab-1024.jpg 1024w");
        assertThat(img.attr("sizes")).isNotBlank();
        assertThat(img.attr("width")).isEqualTo("1024");
        assertThat(img.attr("height")).isEqualTo("683");
        assertThat(img.attr("alt")).isEqualTo("رسم ساخر عن المفاوضات");
        assertThat(img.attr("loading")).isEqualTo("lazy");
        assertThat(img.hasAttr("class")).isFalse();
    }

    @Test
    void rendersAFigureWithCaptionAndCreditAllEscaped() {
        Map<String, Object> params = new HashMap<>();
        params.put("item", item("\"><script>alert(1)</script>", "كاريكاتير <b>اليوم</b>", "ريشة <i>فنان</i>"));
        params.put("figure", true);
        params.put("loading", "eager");
        params.put("sizes", "100vw");
        Document html = render(params);
        assertThat(html.select("script, b, i")).isEmpty();
        Element figure = html.selectFirst("figure.picture");
        assertThat(figure.selectFirst("img").attr("alt")).isEqualTo("\"><script>alert(1)</script>");
        assertThat(figure.selectFirst("img").attr("loading")).isEqualTo("eager");
        assertThat(figure.selectFirst("img").attr("sizes")).isEqualTo("100vw");
        assertThat(figure.selectFirst("figcaption").ownText()).isEqualTo("كاريكاتير <b>اليوم</b>");
        assertThat(figure.selectFirst("figcaption .credit").text()).isEqualTo("ريشة <i>فنان</i>");
    }

    @Test
    void anImageWithoutAltTextGetsAnEmptyAltAndAFigureWithoutTextNoCaption() {
        Document html = render(Map.of("item", item(null, null, null), "figure", true));
        assertThat(html.selectFirst("img").hasAttr("alt")).isTrue();
        assertThat(html.selectFirst("img").attr("alt")).isEmpty();
        assertThat(html.selectFirst("figcaption")).isNull();
    }
}
