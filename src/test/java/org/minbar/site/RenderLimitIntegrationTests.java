package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A crowd of one-off renderings (requests with a session, pages not kept yet) takes turns, two at a
 * time here, so that a kept page and the newsroom are not queued behind it; one that waits too long
 * is told the site is busy, in Arabic, with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RenderLimitIntegrationTests {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
        registry.add("minbar.site.renders.concurrent", () -> "2");
        registry.add("minbar.site.renders.max-wait", () -> "2s");
        registry.add("minbar.demo.load-on-first-start", () -> "false"); // nothing else renders meanwhile
    }

    /** Counts the article renderings running at once, each made to take 50 ms. */
    @TestConfiguration
    static class SlowArticles implements WebMvcConfigurer {
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger most = new AtomicInteger();

        @Bean
        WebMvcConfigurer slowArticleRenderings() {
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(new HandlerInterceptor() {
                        @Override
                        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                                throws InterruptedException {
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            Thread.sleep(50);
                            return true;
                        }

                        @Override
                        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
                            running.decrementAndGet();
                        }
                    }).addPathPatterns("/news/**");
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleEditing editing;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String newArticle(String title) {
        long id = imports.create(new ArticleDraft(title, "<p>نص " + title + ".</p>", null, ArticleStatus.PUBLISHED, null, null,
                List.of(), List.of(), null, null, null));
        return editing.find(id).orElseThrow().path();
    }

    private HttpResponse<String> asEditor(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", "JSESSIONID=editor-session").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<HttpResponse<String>> atOnce(int requests, String path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> asEditor(path)));
            }
            List<HttpResponse<String>> all = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                all.add(answer.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renderingsForSessionsTakeTurnsTwoAtATime() throws Exception {
        String path = newArticle("خبر يقرؤه محررون كثيرون معاً");
        assertThat(asEditor(path).statusCode()).as("warm").isEqualTo(200);
        SlowArticles.most.set(0);
        List<HttpResponse<String>> answers = atOnce(8, path);
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(SlowArticles.most.get()).as("renderings at once").isEqualTo(2);
    }

    @Test
    void aCrowdBeyondTheWaitIsToldTheSiteIsBusyWhileAKeptPageIsServedAtOnce() throws Exception {
        String crowded = newArticle("خبر يزدحم عليه المحررون");
        String kept = newArticle("خبر محفوظ للقراء");
        assertThat(asEditor(crowded).statusCode()).as("warm").isEqualTo(200);
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + kept)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);

        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // 120 renderings of 50 ms, two at a time, take three seconds: the last ones wait beyond two.
            Future<List<HttpResponse<String>>> crowd = reader.submit(() -> atOnce(120, crowded));
            Thread.sleep(500);
            long start = System.nanoTime();
            HttpResponse<String> keptAnswer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + kept)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long keptMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(keptAnswer.statusCode()).isEqualTo(200);
            assertThat(keptAnswer.body()).contains("خبر محفوظ للقراء");
            assertThat(keptMillis).as("a kept page does not queue behind the crowd (ms)").isLessThan(1000);

            List<HttpResponse<String>> answers = crowd.get();
            List<HttpResponse<String>> busy = answers.stream().filter(a -> a.statusCode() == 503).toList();
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 503));
            assertThat(busy).as("answered busy").isNotEmpty();
            assertThat(answers.size() - busy.size()).as("rendered after waiting their turn").isGreaterThanOrEqualTo(4);
            assertThat(busy.get(0).headers().firstValue("Retry-After")).hasValue("5");
            assertThat(busy.get(0).body()).contains("غير متاحة مؤقتاً").contains("dir=\"rtl\"");
        } finally {
            reader.shutdownNow();
        }
    }
}
