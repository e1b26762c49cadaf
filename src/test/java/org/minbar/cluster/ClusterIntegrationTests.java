package org.minbar.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minbar.MinbarApplication;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleWorkflow;
import org.minbar.recommend.RecommendService;
import org.minbar.support.Http;
import org.minbar.taxonomy.TaxonomyService;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Minbar nodes (two application contexts on their own ports and data directories) on one real
 * PostgreSQL database, talked to over HTTP: what one publishes the other shows within two seconds,
 * also after its LISTEN connection is killed; a scheduled article is published once; a newsroom login
 * on one is valid on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIntegrationTests {

    private static final String PASSWORD = "cluster-admin-password-1";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private Http httpA;
    private Http httpB;

    @BeforeAll
    void startTwoNodes() {
        String url = TestDatabases.newPostgresDatabase(); // skips when PostgreSQL cannot run (as root)
        a = start(url, "node-a"); // one after the other: the first creates the schema
        b = start(url, "node-b");
        httpA = new Http(port(a));
        httpB = new Http(port(b));
    }

    @AfterAll
    void stopNodes() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static ConfigurableApplicationContext start(String url, String node) {
        return new SpringApplicationBuilder(MinbarApplication.class).run(
                "--minbar.data=" + TestDatabases.newDataDirectory(), "--server.port=0",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--minbar.demo.load-on-first-start=false", "--minbar.admin.initial-password=" + PASSWORD,
                "--minbar.jobs.polling-interval=300ms", "--minbar.cluster.node-id=" + node,
                "--minbar.cluster.poll-interval=" + POLL_INTERVAL.toMillis() + "ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static long draft(ConfigurableApplicationContext node, String title, String body) {
        return draft(node, title, body, null);
    }

    private static long draft(ConfigurableApplicationContext node, String title, String body, Long section) {
        return node.getBean(ArticleEditing.class).createDraft(new ArticleEdit(title, body, null, null, section, List.of(),
                List.of(), null, null, null, null, null, false), "editor1");
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The article page, through the 301 from its id. */
    private static HttpResponse<String> articlePage(Http http, long id) {
        HttpResponse<String> byId = http.get("/news/" + id);
        if (byId.statusCode() != 301) {
            return byId;
        }
        return http.get(byId.headers().firstValue("Location").orElseThrow());
    }

    private static boolean searchFinds(Http http, String word, long id) {
        HttpResponse<String> response = http.get("/api/v1/search?q=" + q(word));
        return response.statusCode() == 200 && Http.parse(response.body()).get("results").findValues("id").stream()
                .anyMatch(found -> found.asLong() == id);
    }

    private static boolean relatedHas(Http http, long of, long related) {
        HttpResponse<String> response = http.get("/api/v1/articles/" + of + "/related");
        return response.statusCode() == 200 && Http.parse(response.body()).findValues("id").stream()
                .anyMatch(found -> found.asLong() == related);
    }

    /** How long until the condition held, or null if it did not within {@code limit}. */
    private static Duration until(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < limit.toNanos()) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean() ? Duration.ofNanos(System.nanoTime() - started) : null;
    }

    @Test
    void anArticlePublishedOnAIsOnBsPagesSearchAndRelatedWithinTwoSeconds() throws Exception {
        String body = "<p>زراعة الزيتون في سهل الغاب تواجه الجفاف، ومزارعو الزيتون يطلبون مياه الري لأشجار الزيتون.</p>"
                + "<p>موسم قطاف الزيتون هذا العام أقل من المعتاد بسبب الجفاف وغلاء مياه الري.</p>";
        // Too few articles to compare by text: the related block shows those of the same section.
        long section = a.getBean(TaxonomyService.class).ensureSection("زراعة").id();
        long earlier = draft(a, "مزارعو الزيتون في سهل الغاب والجفاف", body, section);
        a.getBean(ArticleWorkflow.class).publish(earlier);
        assertThat(until(Duration.ofSeconds(10), () -> articlePage(httpB, earlier).statusCode() == 200)).isNotNull();

        String title = "الجفاف يضرب الزيتون في سهل الغاب مرة أخرى";
        long second = draft(a, title, body.replace("هذا العام", "في العام الثاني"), section);
        // B has served (and kept) what does not show the article yet.
        assertThat(articlePage(httpB, second).statusCode()).isEqualTo(404);
        assertThat(httpB.get("/").body()).doesNotContain(title);
        assertThat(searchFinds(httpB, "يضرب", second)).isFalse();
        assertThat(relatedHas(httpB, earlier, second)).isFalse();

        a.getBean(ArticleWorkflow.class).publish(second);
        long published = System.nanoTime();

        Duration page = until(VISIBLE_WITHIN, () -> articlePage(httpB, second).body().contains(title));
        Duration home = until(VISIBLE_WITHIN, () -> httpB.get("/").body().contains(title));
        Duration search = until(VISIBLE_WITHIN, () -> searchFinds(httpB, "يضرب", second));
        Duration related = until(VISIBLE_WITHIN, () -> relatedHas(httpB, second, earlier) && relatedHas(httpB, earlier, second));
        Duration all = Duration.ofNanos(System.nanoTime() - published);
        System.out.printf("On B after a publish on A: article page %s, home %s, search %s, related %s (all within %s)%n",
                page, home, search, related, all);
        assertThat(page).as("B's article page").isNotNull();
        assertThat(home).as("B's home page").isNotNull();
        assertThat(search).as("B's search").isNotNull();
        assertThat(related).as("B's related block").isNotNull();
        assertThat(all).isLessThanOrEqualTo(VISIBLE_WITHIN.plusMillis(500)); // the last HTTP round trip
        assertThat(b.getBean(ChangeFeed.class).applied()).isGreaterThan(0);
    }

    @Test
    void bCatchesUpFromTheLogWhenItsListenerConnectionIsKilled() throws Exception {
        ChangeFeed feed = b.getBean(ChangeFeed.class);
        assertThat(until(Duration.ofSeconds(10), () -> feed.listenerPid() > 0)).as("B listens").isNotNull();
        int pid = feed.listenerPid();
        boolean killed = a.getBean(JdbcClient.class).sql("select pg_terminate_backend(?)").param(pid).query(Boolean.class).single();
        assertThat(killed).isTrue();

        String title = "خبر نُشر والعقدة الثانية لا تسمع";
        long id = draft(a, title, "<p>نص خبر عن انقطاع الاتصال بين العقدتين المتباعدتين.</p>");
        a.getBean(ArticleWorkflow.class).publish(id);
        // No notification reaches B now; its polling of the change log does. B's search index follows
        // only the changes applied to it (no copy there expires by itself), so it shows that they were.
        Duration seen = until(POLL_INTERVAL.multipliedBy(2), () -> searchFinds(httpB, "المتباعدتين", id));
        System.out.println("On B with its listener killed: search finds the article after " + seen);
        assertThat(seen).as("B's search catches up by polling").isNotNull();
        assertThat(until(VISIBLE_WITHIN, () -> httpB.get("/").body().contains(title))).as("B's home page").isNotNull();
        assertThat(until(Duration.ofSeconds(10), () -> feed.listenerPid() > 0 && feed.listenerPid() != pid))
                .as("B listens again on a new connection").isNotNull();
    }

    @Test
    void aScheduledArticleIsPublishedOnceByTheTwoNodes() throws Exception {
        String title = "خبر مجدول تنشره عقدة واحدة";
        long id = draft(a, title, "<p>نص خبر مجدول.</p>");
        JdbcClient jdbc = b.getBean(JdbcClient.class);
        int revisionsBefore = jdbc.sql("select count(*) from article_revision where article_id = ?").param(id)
                .query(Integer.class).single();
        a.getBean(ArticleWorkflow.class).schedule(id, OffsetDateTime.now().plusSeconds(2));

        assertThat(until(Duration.ofSeconds(20), () -> articlePage(httpB, id).statusCode() == 200)).isNotNull();
        assertThat(articlePage(httpA, id).body()).contains(title);
        Thread.sleep(3_000); // time for a second run, if there were one
        assertThat(jdbc.sql("select count(*) from cluster_change where kind = ? and article_id = ?")
                .params(Change.PUBLISHED, id).query(Integer.class).single()).as("ArticlePublished events").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from article_revision where article_id = ?").param(id).query(Integer.class).single())
                .as("revisions").isLessThanOrEqualTo(revisionsBefore + 1);
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?").param(String.valueOf(id))
                .query(Integer.class).single()).as("the job is done").isZero();
    }

    /** The titles of B's or A's «منشورات شائعة» page, in order. */
    private static List<String> popularTitles(Http http) {
        return Jsoup.parse(http.get("/popular").body()).select(".list-page .teaser-title a").eachText();
    }

    @Test
    void viewsCountedOnBothNodesRankEachNodesPopularBlockAndAChangeOnAReachesBsBlockWithinTwoSeconds() throws Exception {
        String most = "الأكثر قراءة في العقدتين: خبر عن موسم الحصاد";
        String less = "خبر أقل قراءة عن موسم الحصاد";
        long mostRead = draft(a, most, "<p>نص خبر يقرؤه قراء العقدتين معاً.</p>");
        long lessRead = draft(a, less, "<p>نص خبر يقرؤه قراء العقدة الأولى وحدها.</p>");
        a.getBean(ArticleWorkflow.class).publish(mostRead);
        a.getBean(ArticleWorkflow.class).publish(lessRead);
        assertThat(until(Duration.ofSeconds(10), () -> articlePage(httpB, mostRead).statusCode() == 200
                && articlePage(httpB, lessRead).statusCode() == 200)).isNotNull();

        // Three readers of the first on each node; four of the second, all on A. Only the sum of both
        // nodes' counts puts the first (6) above the second (4), on either node.
        RecommendService onA = a.getBean(RecommendService.class);
        RecommendService onB = b.getBean(RecommendService.class);
        for (int reader = 1; reader <= 3; reader++) {
            assertThat(onA.recordView(mostRead, "Mozilla/5.0", "10.20.0." + reader)).isTrue();
            assertThat(onB.recordView(mostRead, "Mozilla/5.0", "10.30.0." + reader)).isTrue();
        }
        for (int reader = 1; reader <= 4; reader++) {
            assertThat(onA.recordView(lessRead, "Mozilla/5.0", "10.40.0." + reader)).isTrue();
        }
        // What each node does every 5 seconds (write its counts) and every minute (rank from the database's).
        onA.flushViews();
        onB.flushViews();
        onA.flushViews();
        for (Http http : List.of(httpA, httpB)) {
            assertThat(until(Duration.ofSeconds(5), () -> {
                List<String> titles = popularTitles(http);
                return titles.size() >= 2 && titles.get(0).equals(most) && titles.get(1).equals(less);
            })).as("the cluster's ranking on " + http.base() + ": " + popularTitles(http)).isNotNull();
        }

        // Renamed, then unpublished, on A: B's popular block follows within two seconds each time.
        ArticleEditing editing = a.getBean(ArticleEditing.class);
        var stored = editing.find(mostRead).orElseThrow();
        ArticleEdit edit = ArticleEdit.of(stored);
        String renamed = "عنوان جديد للخبر الأكثر قراءة";
        editing.save(mostRead, edit.withText(renamed, edit.bodyHtml()), stored.version(), "editor1");
        Duration rename = until(VISIBLE_WITHIN, () -> popularTitles(httpB).contains(renamed) && !popularTitles(httpB).contains(most));
        a.getBean(ArticleWorkflow.class).unpublish(mostRead);
        Duration unpublish = until(VISIBLE_WITHIN, () -> !popularTitles(httpB).contains(renamed)
                && popularTitles(httpB).contains(less));
        System.out.printf("B's popular block after a change on A: renamed %s, unpublished %s%n", rename, unpublish);
        assertThat(rename).as("the new title in B's popular block: " + popularTitles(httpB)).isNotNull();
        assertThat(unpublish).as("the unpublished article gone from B's popular block: " + popularTitles(httpB)).isNotNull();
    }

    @Test
    void aNewsroomLoginOnAIsValidOnBWithItsCsrfToken() throws Exception {
        Session onA = new Session(port(a));
        HttpResponse<String> login = onA.login("admin", PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> newsroomOnA = onA.get("/newsroom");
        assertThat(newsroomOnA.statusCode()).isEqualTo(200);
        String token = newsroomOnA.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");

        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> newsroomOnB = client.send(HttpRequest.newBuilder(URI.create(httpB.base() + "/newsroom"))
                .header("Cookie", cookie).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(newsroomOnB.statusCode()).as("the session from A on B").isEqualTo(200);

        HttpResponse<String> withoutToken = client.send(HttpRequest.newBuilder(URI.create(httpB.base() + "/newsroom/logout"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> logout = client.send(HttpRequest.newBuilder(URI.create(httpB.base() + "/newsroom/logout"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + q(token))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).as("A's CSRF token on B").isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).contains("logout");

        // Logged out on B: the session is gone on A too.
        assertThat(onA.get("/newsroom").statusCode()).isEqualTo(302);
    }
}
