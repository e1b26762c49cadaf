package org.minbar.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.ArticleStatus;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import org.minbar.system.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The newsroom over real HTTP: login, roles, workflow, conflicts, revisions, XSS, CSRF, lock-out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"minbar.login.max-failures-per-account=3", "minbar.demo.load-on-first-start=true"})
class NewsroomIntegrationTests {

    static final String PASSWORD = "correct-horse-battery";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ArticleEditing editing;

    @Autowired
    ArticleWorkflow workflow;

    @Autowired
    AuditLog audit;

    @Autowired
    org.minbar.media.MediaService media;

    @Autowired
    org.minbar.taxonomy.TaxonomyService taxonomy;

    @BeforeEach
    void accounts() {
        for (String[] user : new String[][] {{"writer1", "WRITER"}, {"writer2", "WRITER"}, {"editor1", "EDITOR"}}) {
            if (users.find(user[0]).isEmpty()) {
                users.add(user[0], "كاتب " + user[0], Role.valueOf(user[1]), PASSWORD);
            }
        }
    }

    @Test
    void theMenuShowsAdministratorsPagesToAdministratorsOnly() {
        List<String> adminPages = List.of("/newsroom/newsletter", "/newsroom/users", "/newsroom/taxonomy", "/newsroom/settings",
                "/newsroom/audit", "/newsroom/import");
        for (String username : List.of("writer1", "editor1")) {
            Session session = loggedIn(username);
            Document dashboard = Jsoup.parse(session.get("/newsroom").body());
            assertThat(dashboard.select(".newsroom-bar nav a").eachAttr("href")).as(username)
                    .contains("/newsroom", "/newsroom/articles/new", "/newsroom/media").doesNotContainAnyElementsOf(adminPages);
            assertThat(session.get("/newsroom/users").statusCode()).as(username).isEqualTo(403);
        }
        Session admin = new Session(port);
        admin.login("admin", "test-admin-password-1");
        assertThat(Jsoup.parse(admin.get("/newsroom").body()).select(".newsroom-bar nav a").eachAttr("href")).containsAll(adminPages);
    }

    private Session loggedIn(String username) {
        Session session = new Session(port);
        HttpResponse<String> login = session.login(username, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/newsroom");
        session.get("/newsroom");
        return session;
    }

    private static long idFromLocation(HttpResponse<String> response) {
        Matcher m = Pattern.compile("/newsroom/articles/(\\d+)$").matcher(response.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long newDraft(Session session, String title) {
        HttpResponse<String> created = session.post("/newsroom/articles", "title", title);
        assertThat(created.statusCode()).isEqualTo(302);
        long id = idFromLocation(created);
        session.get("/newsroom/articles/" + id);
        return id;
    }

    private HttpResponse<String> save(Session session, long id, int version, String title, String body, String... more) {
        String[] fields = {"version", Integer.toString(version), "title", title, "body", body, "autoReadAlso", "true"};
        String[] all = new String[fields.length + more.length];
        System.arraycopy(fields, 0, all, 0, fields.length);
        System.arraycopy(more, 0, all, fields.length, more.length);
        HttpResponse<String> response = session.post("/newsroom/articles/" + id, all);
        if (response.statusCode() == 302) {
            session.get("/newsroom/articles/" + id); // as a browser follows the redirect (and reads its message)
        }
        return response;
    }

    private Article article(long id) {
        return editing.find(id).orElseThrow();
    }

    // ---------------------------------------------------------------- login, logout, CSRF, lock-out

    @Test
    void newsroomPagesNeedALoginAndTheLoginPageIsArabic() {
        Session anonymous = new Session(port);
        HttpResponse<String> list = anonymous.get("/newsroom");
        assertThat(list.statusCode()).isEqualTo(302);
        assertThat(list.headers().firstValue("Location").orElseThrow()).endsWith("/newsroom/login");
        HttpResponse<String> login = anonymous.get("/newsroom/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("lang=\"ar\"", "dir=\"rtl\"", "كلمة المرور");
    }

    @Test
    void wrongPasswordIsRefusedAndTheRightOneLetsInAndLogoutEndsTheSession() {
        Session session = new Session(port);
        String sessionBefore = session.get("/newsroom/login").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(sessionBefore).contains("JSESSIONID");
        HttpResponse<String> wrong = session.post("/newsroom/login", "username", "editor1", "password", "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/newsroom/login?error");
        session.get("/newsroom/login");
        HttpResponse<String> right = session.post("/newsroom/login", "username", "editor1", "password", PASSWORD);
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/newsroom");
        // Session fixation protection: the login gives the session a new id.
        assertThat(right.headers().firstValue("Set-Cookie").orElse("")).contains("JSESSIONID")
                .isNotEqualTo(sessionBefore);
        assertThat(session.get("/newsroom").statusCode()).isEqualTo(200);

        HttpResponse<String> logout = session.post("/newsroom/logout");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/newsroom/login?logout");
        assertThat(session.get("/newsroom").statusCode()).isEqualTo(302);
        assertThat(audit.recent("login", 50, 0)).anyMatch(e -> e.actor().equals("editor1"));
        assertThat(audit.recent("login-failed", 50, 0)).anyMatch(e -> e.actor().equals("editor1"));
    }

    @Test
    void formsWithoutTheCsrfTokenAreRejected() {
        Session session = loggedIn("editor1");
        long id = newDraft(session, "مقال لاختبار CSRF");
        HttpResponse<String> forged = session.postWithoutToken("/newsroom/articles/" + id + "/workflow", "step", "publish");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);
        Session stranger = new Session(port);
        assertThat(stranger.postWithoutToken("/newsroom/login", "username", "editor1", "password", PASSWORD).statusCode())
                .isEqualTo(403);
    }

    @Test
    void repeatedFailedLoginsLockTheAccountEvenForTheRightPassword() {
        users.add("locked1", "مقفل", Role.WRITER, PASSWORD);
        Session attacker = new Session(port);
        for (int i = 0; i < 3; i++) {
            assertThat(attacker.login("locked1", "guess-" + i).headers().firstValue("Location").orElseThrow())
                    .endsWith("?error");
        }
        Session owner = new Session(port);
        HttpResponse<String> refused = owner.login("locked1", PASSWORD);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/newsroom/login?locked");
        assertThat(owner.get("/newsroom/login?locked").body()).contains("محاولات دخول فاشلة كثيرة");
        // Another account from the same address is not locked by these failures.
        assertThat(loggedIn("writer2").get("/newsroom").statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledAccountCannotLogIn() {
        users.add("gone1", "غائب", Role.EDITOR, PASSWORD);
        users.setEnabled("gone1", false);
        assertThat(new Session(port).login("gone1", PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/newsroom/login?error");
    }

    @Test
    void anAdminRenamesTheSiteAndEveryPageFollows() {
        Session admin = new Session(port);
        assertThat(admin.login("admin", "test-admin-password-1").headers().firstValue("Location").orElseThrow()).endsWith("/newsroom");
        admin.get("/newsroom/settings");
        String logoBefore = Jsoup.parse(new Http(port).get("/").body()).selectFirst(".brand img").attr("src"); // the home page is in the page cache: the change must empty it
        assertThat(admin.post("/newsroom/settings", "name", "ليفانت نيوز", "tagline", "أخبار المشرق").statusCode()).isEqualTo(302);
        HttpResponse<String> home = new Http(port).get("/");
        org.jsoup.nodes.Element logo = Jsoup.parse(home.body()).selectFirst(".brand img");
        assertThat(logo.attr("alt")).isEqualTo("ليفانت نيوز");
        assertThat(logo.attr("src")).as("the built-in logo is drawn with the new name").isNotEqualTo(logoBefore);
        assertThat(new Http(port).get(logo.attr("src")).body()).contains("<title>ليفانت نيوز</title>");
        assertThat(home.body()).contains("أخبار المشرق");
        assertThat(audit.recent("settings-changed", 5, 0)).anyMatch(e -> e.actor().equals("admin"));
        assertThat(loggedIn("writer1").get("/newsroom/settings").statusCode()).isEqualTo(403);
        admin.get("/newsroom/settings");
        admin.post("/newsroom/settings", "name", "منبر", "tagline", "أخبار وتقارير وتحقيقات");
    }

    // ---------------------------------------------------------------- roles and workflow

    @Test
    void aWriterPreparesAndSubmitsButCannotPublishNorReachAdminPages() {
        Session writer = loggedIn("writer1");
        long id = newDraft(writer, "مسودة كاتب عن دمشق");
        assertThat(save(writer, id, article(id).version(), "مسودة كاتب عن دمشق", "<p>فقرة أولى.</p>").statusCode()).isEqualTo(302);

        assertThat(writer.post("/newsroom/articles/" + id + "/workflow", "step", "publish").statusCode()).isEqualTo(403);
        assertThat(writer.json("POST", "/newsroom/api/articles/" + id + "/workflow?step=publish", "").statusCode()).isEqualTo(403);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);

        assertThat(writer.post("/newsroom/articles/" + id + "/workflow", "step", "submit").statusCode()).isEqualTo(302);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.SUBMITTED);

        for (String admin : List.of("/newsroom/users", "/newsroom/audit", "/newsroom/taxonomy", "/newsroom/settings")) {
            assertThat(writer.get(admin).statusCode()).as(admin).isEqualTo(403);
        }
        assertThat(writer.post("/newsroom/users", "username", "sneaky", "role", "ADMIN").statusCode()).isEqualTo(403);
        assertThat(users.find("sneaky")).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aNewlineInALoginNameCannotForgeALogLine(org.springframework.boot.test.system.CapturedOutput output) {
        Session anonymous = new Session(port);
        anonymous.login("nobody\naudit: admin user-added forged", "wrong");
        assertThat(output.getOut()).contains("login-failed nobody\\u000aaudit: admin user-added forged");
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("audit: admin user-added forged"));
    }

    @Test
    void schedulingBeyondTenYearsIsRefusedWithAnArabicMessage() {
        Session editor = loggedIn("editor1");
        long id = newDraft(editor, "مقال يجدول بعيداً");
        assertThat(editor.post("/newsroom/articles/" + id + "/workflow", "step", "schedule", "at", "+99999-01-01T10:00")
                .statusCode()).isEqualTo(302);
        assertThat(Jsoup.parse(editor.get("/newsroom/articles/" + id).body()).text())
                .contains("لا يمكن جدولة النشر لأبعد من عشر سنوات");
        String elevenYears = java.time.LocalDateTime.now().plusYears(11).withSecond(0).withNano(0).toString();
        HttpResponse<String> api = editor.json("POST", "/newsroom/api/articles/" + id + "/workflow?step=schedule&at=" + elevenYears, "");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(Http.parse(api.body()).get("detail").asString()).contains("عشر سنوات");
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);

        String nextYear = java.time.LocalDateTime.now().plusYears(1).withSecond(0).withNano(0).toString();
        assertThat(editor.json("POST", "/newsroom/api/articles/" + id + "/workflow?step=schedule&at=" + nextYear, "")
                .statusCode()).isEqualTo(200);
        assertThat(article(id).status()).isEqualTo(ArticleStatus.SCHEDULED);
    }

    @Test
    void aWriterCannotEditSomeoneElsesArticleNorAPublishedOne() {
        Session editor = loggedIn("editor1");
        long editorsArticle = newDraft(editor, "مقال المحرر");
        Session writer = loggedIn("writer1");
        assertThat(writer.get("/newsroom/articles/" + editorsArticle).statusCode()).isEqualTo(403);
        assertThat(save(writer, editorsArticle, article(editorsArticle).version(), "عنوان مختطف", "<p>x</p>",
                "tags", "وسم من حفظ مرفوض").statusCode()).isEqualTo(403);
        assertThat(writer.json("PUT", "/newsroom/api/articles/" + editorsArticle,
                "{\"title\":\"عنوان مختطف\",\"body\":\"<p>x</p>\",\"tags\":\"وسم من واجهة مرفوضة\",\"version\":"
                        + article(editorsArticle).version() + "}").statusCode()).isEqualTo(403);
        assertThat(writer.json("POST", "/newsroom/api/articles/" + editorsArticle + "/autosave",
                "{\"title\":\"عنوان مختطف\",\"tags\":\"وسم من حفظ تلقائي مرفوض\",\"version\":"
                        + article(editorsArticle).version() + "}").statusCode()).isEqualTo(403);
        assertThat(article(editorsArticle).title()).isEqualTo("مقال المحرر");
        // A refused save writes nothing, not even the tags it names.
        assertThat(taxonomy.allTags()).extracting(org.minbar.taxonomy.Tag::name)
                .doesNotContain("وسم من حفظ مرفوض", "وسم من واجهة مرفوضة", "وسم من حفظ تلقائي مرفوض");

        // Their own article, once an editor published it, is no longer theirs to change.
        long own = newDraft(writer, "مقال الكاتب المنشور");
        editor.get("/newsroom/articles/" + own);
        assertThat(editor.post("/newsroom/articles/" + own + "/workflow", "step", "publish").statusCode()).isEqualTo(302);
        assertThat(article(own).status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(save(writer, own, article(own).version(), "تغيير بعد النشر", "<p>y</p>").statusCode()).isEqualTo(403);
        assertThat(writer.post("/newsroom/articles/" + own + "/workflow", "step", "unpublish").statusCode()).isEqualTo(403);
        assertThat(article(own).title()).isEqualTo("مقال الكاتب المنشور");
    }

    @Test
    void anEditorFeaturesAnOlderArticleToLeadTheHomePageAndAWriterCannot() {
        Session editor = loggedIn("editor1");
        long older = newDraft(editor, "تقرير مثبّت عن سهل الغاب");
        save(editor, older, article(older).version(), "تقرير مثبّت عن سهل الغاب", "<p>نص التقرير.</p>");
        editor.post("/newsroom/articles/" + older + "/workflow", "step", "publish");
        long newer = newDraft(editor, "خبر أحدث من التقرير");
        save(editor, newer, article(newer).version(), "خبر أحدث من التقرير", "<p>نص الخبر.</p>");
        editor.post("/newsroom/articles/" + newer + "/workflow", "step", "publish");
        Http reader = new Http(port);
        assertThat(Jsoup.parse(reader.get("/").body()).selectFirst(".lead-title").text()).isEqualTo("خبر أحدث من التقرير");

        Session writer = loggedIn("writer1");
        assertThat(writer.post("/newsroom/articles/" + older + "/workflow", "step", "feature").statusCode()).isEqualTo(403);
        assertThat(editor.get("/newsroom/articles/" + older).body()).contains("value=\"feature\"");
        assertThat(editor.post("/newsroom/articles/" + older + "/workflow", "step", "feature").statusCode()).isEqualTo(302);
        assertThat(article(older).featured()).isTrue();
        Document home = Jsoup.parse(reader.get("/").body());
        assertThat(home.selectFirst(".lead-title").text()).isEqualTo("تقرير مثبّت عن سهل الغاب");
        assertThat(home.select(".latest .teaser")).extracting(Element::text).noneMatch(t -> t.contains("تقرير مثبّت عن سهل الغاب"));
        assertThat(editor.get("/newsroom/articles/" + older).body()).contains("value=\"unfeature\"");

        assertThat(editor.post("/newsroom/articles/" + older + "/workflow", "step", "unfeature").statusCode()).isEqualTo(302);
        assertThat(article(older).featured()).isFalse();
        assertThat(Jsoup.parse(reader.get("/").body()).selectFirst(".lead-title").text()).isEqualTo("خبر أحدث من التقرير");
    }

    @Test
    void anEditorPublishesUnpublishesAndTheReaderSiteFollows() {
        Session editor = loggedIn("editor1");
        long id = newDraft(editor, "خبر عاجل من حلب");
        assertThat(save(editor, id, article(id).version(), "خبر عاجل من حلب", "<p>تفاصيل الخبر.</p>").statusCode()).isEqualTo(302);
        Http reader = new Http(port);
        assertThat(reader.get("/news/" + id).statusCode()).isEqualTo(404);

        assertThat(editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish").statusCode()).isEqualTo(302);
        HttpResponse<String> page = reader.get(reader.get("/news/" + id).headers().firstValue("Location").orElseThrow());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("خبر عاجل من حلب", "تفاصيل الخبر.");

        assertThat(editor.post("/newsroom/articles/" + id + "/workflow", "step", "unpublish").statusCode()).isEqualTo(302);
        assertThat(reader.get("/news/" + id).statusCode()).isEqualTo(404);
        assertThat(audit.recent("article-publish", 20, 0)).anyMatch(e -> e.subject().equals("article " + id));
        assertThat(audit.recent("article-unpublish", 20, 0)).anyMatch(e -> e.subject().equals("article " + id));

        assertThat(editor.post("/newsroom/articles/" + id + "/workflow", "step", "delete").statusCode()).isEqualTo(302);
        assertThat(editing.find(id)).isEmpty();
        assertThat(audit.recent("article-delete", 20, 0)).anyMatch(e -> e.subject().equals("article " + id));
    }

    @Test
    void anImageWithoutAltTextCannotBePublished() {
        Session editor = loggedIn("editor1");
        long id = newDraft(editor, "كاريكاتير اليوم");
        assertThat(save(editor, id, article(id).version(), "كاريكاتير اليوم", "<p>تعليق.</p>",
                "leadImageUrl", "https://example.com/cartoon.jpg", "leadImageAlt", "").statusCode()).isEqualTo(302);
        HttpResponse<String> refused = editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(editor.get("/newsroom/articles/" + id).body()).contains("أضف نصاً بديلاً");
        assertThat(article(id).status()).isEqualTo(ArticleStatus.DRAFT);

        save(editor, id, article(id).version(), "كاريكاتير اليوم", "<p>تعليق.</p>",
                "leadImageUrl", "https://example.com/cartoon.jpg", "leadImageAlt", "رسم ساخر لمفاوضات");
        editor.get("/newsroom/articles/" + id);
        editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish");
        assertThat(article(id).status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void aCartoonIsItsImageWithCaptionFromTheMediaLibrary() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1200, 800, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", jpeg);
        org.minbar.media.MediaItem cartoon = media.store(new java.io.ByteArrayInputStream(jpeg.toByteArray()), "cartoon.jpg", "editor1");
        media.describe(cartoon.id(), "بوتين وبايدن على رقعة شطرنج", "رقعة الشطرنج الكبرى", "رسم: فنان ليفانت");
        org.minbar.taxonomy.Section caricature = taxonomy.ensureSection("caricature", "كاريكاتير", org.minbar.taxonomy.SectionKind.IMAGE_LED);

        Session editor = loggedIn("editor1");
        long id = newDraft(editor, "كاريكاتير: رقعة الشطرنج");
        save(editor, id, article(id).version(), "كاريكاتير: رقعة الشطرنج", "", "sectionId", Long.toString(caricature.id()));
        editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish");
        assertThat(article(id).status()).as("a cartoon without its image is not published").isEqualTo(ArticleStatus.DRAFT);
        assertThat(editor.get("/newsroom/articles/" + id).body()).contains("اختر صورة رئيسية قبل النشر");

        save(editor, id, article(id).version(), "كاريكاتير: رقعة الشطرنج", "", "sectionId", Long.toString(caricature.id()),
                "leadImageUrl", cartoon.url(), "leadMediaId", Long.toString(cartoon.id()), "leadImageAlt", "بوتين وبايدن على رقعة شطرنج");
        editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish");
        assertThat(article(id).status()).isEqualTo(ArticleStatus.PUBLISHED);

        Http reader = new Http(port);
        Document page = Jsoup.parse(reader.get(reader.get("/news/" + id).headers().firstValue("Location").orElseThrow()).body());
        Element figure = page.selectFirst("figure.lead-image.caricature");
        assertThat(figure).isNotNull();
        assertThat(figure.selectFirst("img").attr("srcset")).contains("320w", "640w", "1024w");
        assertThat(figure.selectFirst("img").attr("alt")).isEqualTo("بوتين وبايدن على رقعة شطرنج");
        assertThat(figure.selectFirst("figcaption").text()).contains("رقعة الشطرنج الكبرى", "رسم: فنان ليفانت");
        assertThat(reader.get(figure.selectFirst("img").attr("src")).statusCode()).isEqualTo(200);
    }

    @Test
    void schedulingPublishesAtTheTimeThroughThePersistentJob() throws Exception {
        Session editor = loggedIn("editor1");
        long id = newDraft(editor, "مقال مجدول");
        save(editor, id, article(id).version(), "مقال مجدول", "<p>يُنشر بعد قليل.</p>");
        editor.get("/newsroom/articles/" + id);
        workflow.schedule(id, OffsetDateTime.now().plusSeconds(2));
        assertThat(article(id).status()).isEqualTo(ArticleStatus.SCHEDULED);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (article(id).status() != ArticleStatus.PUBLISHED && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(article(id).status()).isEqualTo(ArticleStatus.PUBLISHED);
    }

    @Test
    void aScheduledArticleSavedWithAnImageWithoutAltIsNotPublishedAndTheNewsroomAndAuditLogSayWhy() throws Exception {
        Session editor = loggedIn("editor1");
        String title = "مقال مجدول بصورة بلا نص بديل";
        long id = newDraft(editor, title);
        save(editor, id, article(id).version(), title, "<p>نص صالح للنشر.</p>");
        // Valid when scheduled; the job runs when the time comes.
        workflow.schedule(id, OffsetDateTime.now().plusSeconds(8));
        editor.get("/newsroom/articles/" + id);
        // Saved after scheduling with an image lacking alt text: a scheduled article may still be edited.
        assertThat(save(editor, id, article(id).version(), title,
                "<p>نص صالح للنشر.</p><p><img src=\"https://example.org/photo.jpg\"></p>").statusCode()).isEqualTo(302);
        assertThat(article(id).status()).as("still scheduled after the save").isEqualTo(ArticleStatus.SCHEDULED);

        long deadline = System.nanoTime() + 40_000_000_000L;
        while (article(id).status() == ArticleStatus.SCHEDULED && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(article(id).status()).as("held back in the editors' queue").isEqualTo(ArticleStatus.SUBMITTED);
        assertThat(new Http(port).get(article(id).path()).statusCode()).as("readers do not see it").isEqualTo(404);

        String reason = "أضف نصاً بديلاً (alt) لكل صورة في متن المقال قبل النشر.";
        assertThat(audit.recent(ArticleWorkflow.PUBLISH_BLOCKED, 20, 0))
                .anyMatch(e -> e.subject().equals("article " + id) && e.detail().equals(reason) && e.actor().equals("system"));
        Document editorPage = Jsoup.parse(editor.get("/newsroom/articles/" + id).body());
        assertThat(editorPage.selectFirst(".publish-blocked").text()).contains("لم يُنشر المقال في موعده", reason);
        Document list = Jsoup.parse(editor.get("/newsroom?status=SUBMITTED").body());
        assertThat(list.select("tr").stream().filter(tr -> tr.text().contains(title)).findFirst().orElseThrow()
                .selectFirst(".publish-blocked").text()).contains(reason);
        Session admin = new Session(port);
        admin.login("admin", "test-admin-password-1");
        assertThat(Jsoup.parse(admin.get("/newsroom/audit").body()).text()).contains(ArticleWorkflow.PUBLISH_BLOCKED, reason);

        // Fixed and published by hand, the reason goes away.
        save(editor, id, article(id).version(), title, "<p>نص صالح للنشر.</p><p><img src=\"https://example.org/photo.jpg\" alt=\"صورة\"></p>");
        editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish");
        assertThat(article(id).status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(Jsoup.parse(editor.get("/newsroom/articles/" + id).body()).selectFirst(".publish-blocked")).isNull();
    }

    // ---------------------------------------------------------------- conflicts, revisions, autosave

    @Test
    void theSecondOfTwoConcurrentSavesGetsAConflictWithBothVersionsAndOverwritesNothing() {
        Session first = loggedIn("editor1");
        long id = newDraft(first, "مقال يحرره اثنان");
        int openedAt = article(id).version();
        Session second = loggedIn("editor1");
        second.get("/newsroom/articles/" + id);

        assertThat(save(first, id, openedAt, "نسخة المحرر الأول", "<p>نص الأول.</p>").statusCode()).isEqualTo(302);
        HttpResponse<String> conflict = save(second, id, openedAt, "نسخة المحرر الثاني", "<p>نص الثاني.</p>");
        assertThat(conflict.statusCode()).isEqualTo(409);
        Document page = Jsoup.parse(conflict.body());
        assertThat(page.selectFirst(".conflict").text()).contains("نسخة المحرر الأول", "نص الأول.");
        assertThat(page.selectFirst("#title").attr("value")).isEqualTo("نسخة المحرر الثاني");
        assertThat(page.selectFirst("#body").text()).contains("نص الثاني.");
        assertThat(article(id).title()).isEqualTo("نسخة المحرر الأول");

        HttpResponse<String> api = second.json("PUT", "/newsroom/api/articles/" + id,
                "{\"title\":\"عبر الواجهة\",\"body\":\"<p>z</p>\",\"version\":" + openedAt + "}");
        assertThat(api.statusCode()).isEqualTo(409);
        assertThat(Http.parse(api.body()).get("currentTitle").asString()).isEqualTo("نسخة المحرر الأول");
    }

    @Test
    void everySaveIsARevisionThatCanBeComparedAndRestored() {
        Session editor = loggedIn("editor1");
        long id = newDraft(editor, "العنوان الأول");
        save(editor, id, article(id).version(), "العنوان الثاني", "<p>فقرة قديمة.</p>");
        save(editor, id, article(id).version(), "العنوان الثالث", "<p>فقرة جديدة.</p>");
        assertThat(editing.revisions(id)).extracting(r -> r.content().title())
                .containsExactly("العنوان الثالث", "العنوان الثاني", "العنوان الأول");
        assertThat(editing.revisions(id)).allMatch(r -> r.author().equals("editor1") && r.savedAt() != null);

        HttpResponse<String> compare = editor.get("/newsroom/articles/" + id + "/revisions?from=2&to=3");
        Document diff = Jsoup.parse(compare.body());
        assertThat(diff.select("del.diff-line").eachText()).contains("العنوان: العنوان الثاني", "فقرة قديمة.");
        assertThat(diff.select("ins.diff-line").eachText()).contains("العنوان: العنوان الثالث", "فقرة جديدة.");

        HttpResponse<String> restored = editor.post("/newsroom/articles/" + id + "/revisions/2/restore",
                "version", Integer.toString(article(id).version()));
        assertThat(restored.statusCode()).isEqualTo(302);
        assertThat(article(id).title()).isEqualTo("العنوان الثاني");
        assertThat(article(id).bodyHtml()).contains("فقرة قديمة.");
        assertThat(editing.revisions(id)).hasSize(4);
        assertThat(editing.revisions(id).get(0).note()).isEqualTo("restored revision 2");
    }

    @Test
    void autosaveKeepsUnsavedTypingWithoutChangingTheArticle() {
        Session editor = loggedIn("editor1");
        long id = newDraft(editor, "مقال بحفظ تلقائي");
        HttpResponse<String> autosaved = editor.json("POST", "/newsroom/api/articles/" + id + "/autosave",
                "{\"title\":\"عنوان لم يُحفظ بعد\",\"body\":\"<p>كتابة جارية</p>\",\"version\":" + article(id).version() + "}");
        assertThat(autosaved.statusCode()).isEqualTo(200);
        assertThat(article(id).title()).isEqualTo("مقال بحفظ تلقائي");
        assertThat(editor.get("/newsroom/articles/" + id).body()).contains("لديك تعديلات غير محفوظة");
        Document restored = Jsoup.parse(editor.get("/newsroom/articles/" + id + "?restore-autosave").body());
        assertThat(restored.selectFirst("#title").attr("value")).isEqualTo("عنوان لم يُحفظ بعد");
        assertThat(editor.json("POST", "/newsroom/api/articles/" + id + "/autosave", "{\"title\":\"x\"}")
                .statusCode()).isEqualTo(200);
        Session writer = loggedIn("writer2");
        assertThat(writer.json("POST", "/newsroom/api/articles/" + id + "/autosave", "{\"title\":\"x\",\"version\":1}")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theListFiltersByStatusSectionAuthorAndTitle() {
        Session writer = loggedIn("writer2");
        long id = newDraft(writer, "تقرير فريد عن اللاذقية");
        Session editor = loggedIn("editor1");
        Document byTitle = Jsoup.parse(editor.get("/newsroom?q=" + enc("فريد عن اللاذقية")).body());
        assertThat(byTitle.select("table.articles tbody a").eachAttr("href")).containsExactly("/newsroom/articles/" + id);
        Document byAuthor = Jsoup.parse(editor.get("/newsroom?author=writer2&status=DRAFT").body());
        assertThat(byAuthor.select("table.articles tbody a").eachAttr("href")).contains("/newsroom/articles/" + id);
        Document published = Jsoup.parse(editor.get("/newsroom?status=PUBLISHED").body());
        assertThat(published.select("table.articles tbody a").eachAttr("href")).doesNotContain("/newsroom/articles/" + id)
                .isNotEmpty();
        // A writer's list holds only their own articles, whatever author is asked for.
        Document writersList = Jsoup.parse(loggedIn("writer1").get("/newsroom?author=writer2").body());
        assertThat(writersList.select("table.articles tbody a").eachAttr("href")).doesNotContain("/newsroom/articles/" + id);
        assertThat(writersList.select("table.articles tbody tr td:nth-child(4)").eachText()).allMatch(a -> a.equals("writer1"));
    }

    @Test
    void tagSuggestionsAndReadAlsoSearchAnswerTheEditor() {
        Session editor = loggedIn("editor1");
        editor.get("/newsroom/articles/new");
        HttpResponse<String> tags = editor.json("POST", "/newsroom/api/tags/suggest",
                "{\"text\":\"التقى بايدن و بوتين في جنيف\"}");
        assertThat(tags.statusCode()).isEqualTo(200);
        assertThat(tags.body()).contains("بايدن", "بوتين");
        HttpResponse<String> found = editor.json("GET", "/newsroom/api/articles/search?q=" + enc("بايدن"), "");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(Http.parse(found.body()).size()).isPositive();
    }

    // ---------------------------------------------------------------- hostile input

    @Test
    void scriptPayloadsInEveryFieldAreStoredAndRenderedHarmless() throws IOException {
        List<String> vectors;
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/newsroom/xss-vectors.txt"))) {
            vectors = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(25);
        Session editor = loggedIn("editor1");
        Http reader = new Http(port);
        for (String vector : vectors) {
            long id = newDraft(editor, "عنوان " + vector);
            HttpResponse<String> saved = save(editor, id, article(id).version(), "عنوان " + vector, "<p>متن</p>" + vector,
                    "excerpt", vector, "sourceLabel", vector, "tags", "علامة" + vector.replace(',', ' '),
                    "contributors", vector.replace(':', ' ') + ": تحرير", "leadImageUrl", vector, "leadImageAlt", vector,
                    "seoTitle", vector, "seoDescription", vector);
            assertThat(saved.statusCode()).as(vector).isEqualTo(302);
            Article stored = article(id);
            assertThat(Jsoup.parseBodyFragment(stored.bodyHtml()).select("script")).as(vector).isEmpty();
            assertHarmless(stored.bodyHtml(), vector, "stored body");
            assertThat(stored.leadImageUrl()).as(vector).isNull();

            assertHarmless(editor.get("/newsroom/articles/" + id).body(), vector, "editor");
            // The preview is the reader's page, for the unsaved content too.
            HttpResponse<String> preview = editor.post("/newsroom/articles/" + id + "/preview", "title", "عنوان " + vector,
                    "body", "<p>متن</p>" + vector, "excerpt", vector, "sourceLabel", vector, "contributors", vector + ": تحرير",
                    "leadImageUrl", vector, "leadImageAlt", vector, "seoTitle", vector, "seoDescription", vector);
            assertThat(preview.statusCode()).as(vector).isEqualTo(200);
            assertHarmless(preview.body(), vector, "preview");
            editor.post("/newsroom/articles/" + id + "/workflow", "step", "publish");
            if (!vector.contains("<img")) { // an image without alt text is not published, by design
                assertThat(article(id).status()).as(vector).isEqualTo(ArticleStatus.PUBLISHED);
                String path = reader.get("/news/" + id).headers().firstValue("Location").orElseThrow();
                HttpResponse<String> page = reader.get(path);
                assertThat(page.statusCode()).as(vector).isEqualTo(200);
                assertHarmless(page.body(), vector, "reader page");
            }
            assertHarmless(editor.get("/newsroom").body(), vector, "list");
        }
    }

    static final java.util.Set<String> URL_ATTRIBUTES = java.util.Set.of("href", "src", "action", "formaction", "data",
            "poster", "xlink:href", "srcset");

    /** No script but our own files, no event handlers, no javascript: links, no active embeds. */
    private static void assertHarmless(String html, String vector, String where) {
        Document page = Jsoup.parse(html);
        for (Element script : page.select("script")) {
            if (script.attr("type").equals("application/ld+json")) {
                // Data, not code; the payload's "<" is escaped so it cannot close the element.
                assertThat(script.data()).as(where + " JSON-LD for " + vector).doesNotContain("<");
                Http.parse(script.data());
                continue;
            }
            assertThat(script.attr("src")).as(where + " script for " + vector).startsWith("/js/");
            assertThat(script.data()).as(where + " inline script for " + vector).isEmpty();
        }
        for (Element element : page.getAllElements()) {
            element.attributes().forEach(attribute -> {
                assertThat(attribute.getKey()).as(where + " attribute for " + vector).doesNotStartWithIgnoringCase("on");
                if (URL_ATTRIBUTES.contains(attribute.getKey().toLowerCase())) {
                    assertThat(attribute.getValue().strip().toLowerCase()).as(where + " " + attribute.getKey() + " for " + vector)
                            .doesNotStartWith("javascript:").doesNotStartWith("data:text");
                }
            });
        }
        assertThat(page.select("iframe, object, embed, svg, math, base, meta[http-equiv]")).as(where + " for " + vector).isEmpty();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
