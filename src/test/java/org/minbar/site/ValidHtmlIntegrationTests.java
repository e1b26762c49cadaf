package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleEditing;
import org.minbar.article.PublishedArticles;
import org.minbar.support.Http;
import org.minbar.support.NuHtmlChecker;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reader pages are valid HTML: the Nu Html Checker reports no errors on them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ValidHtmlIntegrationTests {

    static final String SEED_TITLE = SeedFile.TITLE;

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
    TaxonomyService taxonomy;

    @Test
    void readerPagesHaveNoNuHtmlCheckerErrors() throws Exception {
        Http http = new Http(port);
        Article seed = editing.find(articles.publishedIdWithTitle(SEED_TITLE).orElseThrow()).orElseThrow();
        String section = taxonomy.section(seed.sectionId()).orElseThrow().path();
        String tag = taxonomy.tags(seed.tagIds()).get(0).path();
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/", seed.path(), section, tag, "/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86",
                "/search", "/popular", "/no-such-page")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isIn(200, 404);
            problems.addAll(NuHtmlChecker.errors(path, response.body()));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckerCatchesAnInvalidPage() throws Exception {
        assertThat(NuHtmlChecker.errors("sample", "<!DOCTYPE html><html lang=\"ar\"><head><title>x</title></head><body><p><div></p></body></html>"))
                .isNotEmpty();
    }
}
