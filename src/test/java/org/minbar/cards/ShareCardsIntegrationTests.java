package org.minbar.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minbar.support.PageMetadata.jsonLd;
import static org.minbar.support.PageMetadata.meta;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.PublishedArticles;
import org.minbar.media.MediaItem;
import org.minbar.media.MediaService;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Share cards and the logo over real HTTP: every article page names a large image (its lead photo,
 * else its card), the card answers as a PNG kept by caches, follows edits of the title, and is never
 * served for an article readers may not see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShareCardsIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PublishedArticles articles;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    MediaService media;

    @Autowired
    ShareCards cards;

    Http http;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The demo's seed article leads with a photo now; a demo article without one, in a section, with the most tags. */
    private Article anArticleWithoutAPhoto() {
        long id = jdbc.sql("""
                select a.id from article a where a.status = 'PUBLISHED' and a.lead_image_url is null and a.section_id is not null
                order by (select count(*) from article_tag t where t.article_id = a.id) desc, a.id limit 1""").query(Long.class).single();
        return editing.find(id).orElseThrow();
    }

    @Test
    void anArticleWithoutAPhotoSharesItsCardInOpenGraphTwitterAndNewsArticle() throws Exception {
        Article seed = anArticleWithoutAPhoto();
        assertThat(seed.leadImageUrl()).as("no lead photo").isNull();
        Document page = page(seed.path());
        String image = meta(page, "property", "og:image");
        assertThat(image).matches(java.util.regex.Pattern.quote(http.base()) + "/cards/" + seed.id() + "-[0-9a-f]{10}\\.png");
        assertThat(meta(page, "property", "og:image:width")).isEqualTo("1200");
        assertThat(meta(page, "property", "og:image:height")).isEqualTo("630");
        assertThat(meta(page, "property", "og:image:alt")).isEqualTo(seed.title());
        assertThat(meta(page, "name", "twitter:card")).isEqualTo("summary_large_image");
        assertThat(meta(page, "name", "twitter:image")).isEqualTo(image);
        assertThat(jsonLd(page, "NewsArticle").path("image").path(0).asString()).isEqualTo(image);
        assertThat(meta(page, "property", "article:published_time")).isNotBlank();
        assertThat(java.time.OffsetDateTime.parse(meta(page, "property", "article:published_time")).toInstant())
                .isEqualTo(seed.publishedAt().toInstant());
        assertThat(java.time.OffsetDateTime.parse(meta(page, "property", "article:modified_time")).toInstant())
                .isAfterOrEqualTo(seed.publishedAt().toInstant());
        assertThat(meta(page, "property", "article:section")).isNotBlank();
        assertThat(page.select("meta[property=article:tag]")).as("one per tag").hasSize(seed.tagIds().size());

        HttpResponse<byte[]> card = bytes(image, null);
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(card.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age=86400", "public"));
        String etag = card.headers().firstValue("ETag").orElseThrow();
        assertThat(card.headers().firstValue("Surrogate-Key")).hasValue("article-" + seed.id());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(card.body()));
        assertThat(decoded.getWidth()).isEqualTo(1200);
        assertThat(decoded.getHeight()).isEqualTo(630);
        assertThat(cards.isKept(seed.id())).as("kept after the first request").isTrue();

        HttpResponse<byte[]> again = bytes(image, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(bytes(image, null).body()).as("the kept bytes").isEqualTo(card.body());
    }

    @Test
    void anArticleWithALeadPhotoSharesThePhotoAtTheSizeSocialMediaShowLarge() throws Exception {
        MediaItem photo = media.store(new ByteArrayInputStream(jpeg(2000, 1050)), "lead.jpg", "writer");
        long id = imports.create(new ArticleDraft("خبر بصورة من المكتبة", "<p>نص الخبر.</p>", null, ArticleStatus.PUBLISHED,
                null, null, List.of(), List.of(), photo.url(), "صورة الخبر", null));
        Article article = editing.find(id).orElseThrow();
        Document page = page(article.path());
        MediaItem.Rendition expected = photo.renditionFor(1200);
        assertThat(expected.width()).isGreaterThanOrEqualTo(1200);
        assertThat(meta(page, "property", "og:image")).isEqualTo(http.base() + expected.url());
        assertThat(meta(page, "property", "og:image:width")).isEqualTo(Integer.toString(expected.width()));
        assertThat(meta(page, "property", "og:image:height")).isEqualTo(Integer.toString(expected.height()));
        assertThat(meta(page, "property", "og:image:alt")).isEqualTo("صورة الخبر");
        assertThat(meta(page, "name", "twitter:image")).isEqualTo(http.base() + expected.url());
        assertThat(jsonLd(page, "NewsArticle").path("image").path(0).asString()).isEqualTo(http.base() + expected.url());
        assertThat(bytes(http.base() + expected.url(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void editingTheTitleGivesTheCardANewAddressAndTheOldOneLeadsThere() throws Exception {
        long id = imports.create(new ArticleDraft("عنوان البطاقة قبل التعديل", "<p>نص.</p>", null, ArticleStatus.PUBLISHED,
                null, null, List.of(), List.of(), null, null, null));
        Article before = editing.find(id).orElseThrow();
        String oldCard = meta(page(before.path()), "property", "og:image");
        byte[] oldBytes = bytes(oldCard, null).body();
        assertThat(cards.isKept(id)).isTrue();

        ArticleEdit edit = ArticleEdit.of(before);
        editing.save(id, edit.withText("عنوان البطاقة بعد التعديل", edit.bodyHtml()), before.version(), "editor");
        assertThat(cards.isKept(id)).as("dropped by the change").isFalse();

        Article after = editing.find(id).orElseThrow();
        String newCard = meta(page(after.path()), "property", "og:image");
        assertThat(newCard).isNotEqualTo(oldCard);
        HttpResponse<byte[]> drawn = bytes(newCard, null);
        assertThat(drawn.statusCode()).isEqualTo(200);
        assertThat(drawn.body()).as("drawn with the new title").isNotEqualTo(oldBytes);
        HttpResponse<byte[]> old = bytes(oldCard, null);
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location")).hasValue(newCard.substring(http.base().length()));
    }

    @Test
    void noCardForAnArticleReadersMayNotSee() throws Exception {
        long id = imports.create(new ArticleDraft("عنوان سري لم ينشر بعد", "<p>نص.</p>", null, ArticleStatus.PUBLISHED,
                null, null, List.of(), List.of(), null, null, null));
        String card = meta(page(editing.find(id).orElseThrow().path()), "property", "og:image");
        assertThat(bytes(card, null).statusCode()).isEqualTo(200);
        workflow.unpublish(id);
        assertThat(cards.isKept(id)).isFalse();
        HttpResponse<byte[]> gone = bytes(card, null);
        assertThat(gone.statusCode()).as("taken down: no card").isEqualTo(404);
        assertThat(gone.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(gone.headers().firstValue("Location")).isEmpty();

        long draft = editing.createDraft(new ArticleEdit("مسودة عنوانها لا يظهر", "<p>نص.</p>", null, null, null, List.of(),
                List.of(), null, null, null, null, null, true), "writer");
        assertThat(bytes(http.base() + "/cards/" + draft + "-0123456789.png", null).statusCode()).isEqualTo(404);
        assertThat(bytes(http.base() + "/cards/999999999-0123456789.png", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theMastheadShowsTheLogoAndThePublisherHasItsPng() throws Exception {
        Document page = page("/");
        Element logo = page.selectFirst(".masthead a.brand img");
        assertThat(logo).isNotNull();
        assertThat(logo.attr("alt")).isEqualTo("منبر");
        assertThat(logo.attr("src")).matches("/brand/logo-[0-9a-f]{10}\\.svg");
        assertThat(Integer.parseInt(logo.attr("width"))).isPositive();
        assertThat(Integer.parseInt(logo.attr("height"))).isPositive();
        HttpResponse<byte[]> svg = bytes(http.base() + logo.attr("src"), null);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/svg+xml"));
        assertThat(svg.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("immutable"));
        assertThat(new String(svg.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("<svg").contains("<title>منبر</title>");

        JsonNode publisher = jsonLd(page, "WebSite").path("publisher").path("logo");
        String png = publisher.path("url").asString();
        assertThat(png).matches(java.util.regex.Pattern.quote(http.base()) + "/brand/logo-[0-9a-f]{10}\\.png");
        HttpResponse<byte[]> image = bytes(png, null);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(decoded.getHeight()).isEqualTo(60).isEqualTo(publisher.path("height").asInt());
        assertThat(decoded.getWidth()).isBetween(60, 600).isEqualTo(publisher.path("width").asInt());
        assertThat(bytes(http.base() + "/brand/logo-0000000000.png", null).headers().firstValue("Location"))
                .hasValue(png.substring(http.base().length()));
    }

    private Document page(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(response.body(), http.base() + path);
    }

    private HttpResponse<byte[]> bytes(String url, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x336699));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
