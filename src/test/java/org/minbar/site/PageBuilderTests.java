package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.site.pages.BylineEntry;

class PageBuilderTests {

    @Test
    void joinsRolesWithWawAsArabicBylinesDo() {
        assertThat(PageBuilder.byline(List.of(new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED)))))
                .containsExactly(new BylineEntry("إعداد وتحرير", "أحمد قطمة"));
    }

    @Test
    void groupsPeopleWithTheSameRoles() {
        assertThat(PageBuilder.byline(List.of(
                new Contributor("سارة", List.of(ContributorRole.WRITTEN)),
                new Contributor("خالد", List.of(ContributorRole.WRITTEN)),
                new Contributor("ليلى", List.of(ContributorRole.PHOTOGRAPHED)))))
                .containsExactly(new BylineEntry("كتابة", "سارة، خالد"), new BylineEntry("تصوير", "ليلى"));
    }

    @Test
    void countsArticlesWithArabicNumberAgreement() {
        assertThat(PageBuilder.articleCount(1)).isEqualTo("مقالة واحدة");
        assertThat(PageBuilder.articleCount(2)).isEqualTo("مقالتان");
        assertThat(PageBuilder.articleCount(3)).isEqualTo("3 مقالات");
        assertThat(PageBuilder.articleCount(10)).isEqualTo("10 مقالات");
        assertThat(PageBuilder.articleCount(11)).isEqualTo("11 مقالة");
        assertThat(PageBuilder.articleCount(103)).isEqualTo("103 مقالات");
        assertThat(PageBuilder.articleCount(0)).isEqualTo("0 مقالة");
        assertThat(PageBuilder.resultCount(1)).isEqualTo("نتيجة واحدة");
        assertThat(PageBuilder.resultCount(7)).isEqualTo("7 نتائج");
        assertThat(PageBuilder.resultCount(25)).isEqualTo("25 نتيجة");
    }

    @Test
    void shareLinksCarryTheCanonicalAddressEncoded() {
        String url = "https://news.example.org/news/7/بايدن-وبوتين?x=1&y=2";
        List<org.minbar.site.pages.ShareLink> links = PageBuilder.shareLinks(url, "بايدن وبوتين & روسيا");
        assertThat(links).extracting(org.minbar.site.pages.ShareLink::network).containsExactly("whatsapp", "telegram", "x", "facebook");
        String encoded = java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(links).allSatisfy(link -> {
            assertThat(link.href()).startsWith("https://").contains(encoded).doesNotContain(" ").doesNotContain("+");
            // The address's own & and ? are encoded: the network sees one parameter with the whole address.
            String query = java.net.URI.create(link.href()).getRawQuery();
            assertThat(query.split("&")).allSatisfy(pair -> assertThat(pair).contains("="));
        });
        assertThat(links.get(0).href()).isEqualTo("https://wa.me/?text="
                + java.net.URLEncoder.encode("بايدن وبوتين & روسيا " + url, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(links.get(3).href()).isEqualTo("https://www.facebook.com/sharer/sharer.php?u=" + encoded);
    }

    @Test
    void aThumbnailTakesTheNarrowestSizeWideEnough() {
        org.minbar.site.pages.Picture picture = new org.minbar.site.pages.Picture("/media/a-1280.jpg",
                "/media/a-320.jpg 320w, /media/a-640.jpg 640w, /media/a-1024.jpg 1024w, /media/a-1280.jpg 1280w", 1280, 720, "", null, null);
        assertThat(picture.urlFor(320)).isEqualTo("/media/a-320.jpg");
        assertThat(picture.urlFor(400)).isEqualTo("/media/a-640.jpg");
        assertThat(picture.urlFor(1024)).isEqualTo("/media/a-1024.jpg");
        assertThat(picture.urlFor(2000)).as("none wide enough: the largest").isEqualTo("/media/a-1280.jpg");
    }
}
