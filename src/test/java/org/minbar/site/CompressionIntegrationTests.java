package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleEditing;
import org.minbar.article.PublishedArticles;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every text a reader's browser or an API client downloads is sent compressed when asked (scripts and API answers were not). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CompressionIntegrationTests {

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

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void pagesScriptsStylesheetsAndFeedsAreSentGzipped() throws Exception {
        String article = editing.find(articles.publishedIdWithTitle(SeedFile.TITLE).orElseThrow()).orElseThrow().path();
        for (String path : List.of("/", article, "/js/suggest.js", "/js/newsroom.js", "/css/site.css", "/css/newsroom.css", "/feed",
                "/api/v1/articles")) {
            HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
            assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
            assertThat(gzipped.body().length).as(path).isLessThan(unzipped.length);
            if (!path.equals("/") && !path.equals("/feed")) { // the home page and feed may change between the two requests
                assertThat(new String(unzipped, StandardCharsets.UTF_8)).as(path).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
            }
        }
    }
}
