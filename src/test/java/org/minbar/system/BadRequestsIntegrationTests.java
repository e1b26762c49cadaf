package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * No request input makes the site answer 500: bad input gets 400, unknown things 404, too large 413.
 * JSON endpoints answer RFC 9457 problem details; pages answer the Arabic error pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "minbar.demo.load-on-first-start=true")
class BadRequestsIntegrationTests {

    static final String LONG_TITLE = "ع".repeat(100_000);
    static final long UNKNOWN = 987_654_321L;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    Session admin;
    String sessionCookie;
    Http http;

    @BeforeEach
    void logIn() {
        http = new Http(port);
        admin = new Session(port);
        HttpResponse<String> login = admin.login("admin", "test-admin-password-1");
        assertThat(login.statusCode()).isEqualTo(302);
        sessionCookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        admin.get("/newsroom");
    }

    private long newDraft() {
        admin.get("/newsroom/articles/new");
        HttpResponse<String> created = admin.post("/newsroom/articles", "title", "مسودة للاختبار");
        assertThat(created.statusCode()).isEqualTo(302);
        Matcher m = Pattern.compile("/newsroom/articles/(\\d+)$").matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        long id = Long.parseLong(m.group(1));
        admin.get("/newsroom/articles/" + id);
        return id;
    }

    /** The version the editor page holds for the article. */
    private int version(long id) {
        return Integer.parseInt(Jsoup.parse(admin.get("/newsroom/articles/" + id).body()).selectFirst("input[name=version]").attr("value"));
    }

    private static String editorJson(String title, int version) {
        return "{\"title\":\"" + title + "\",\"body\":\"<p>نص</p>\",\"version\":" + version + "}";
    }

    /** An Arabic error page, or the form again, with this status. */
    private static void page(SoftAssertions soft, String request, HttpResponse<String> response, int status) {
        soft.assertThat(response.statusCode()).as(request).isEqualTo(status);
        soft.assertThat(response.headers().firstValue("Content-Type").orElse("")).as(request + " content type")
                .startsWith("text/html");
        soft.assertThat(response.body()).as(request + " body").contains("lang=\"ar\"");
    }

    /** RFC 9457 problem details with this status. */
    private static void problem(SoftAssertions soft, String request, HttpResponse<String> response, int status, String path) {
        soft.assertThat(response.statusCode()).as(request + ": " + response.body()).isEqualTo(status);
        soft.assertThat(response.headers().firstValue("Content-Type").orElse("")).as(request + " content type")
                .startsWith("application/problem+json");
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            JsonNode body = Http.parse(response.body());
            soft.assertThat(body.path("type").asString()).as(request + " type in " + response.body()).isNotBlank();
            soft.assertThat(body.path("title").asString()).as(request + " title").isNotBlank();
            soft.assertThat(body.path("status").asInt()).as(request + " status").isEqualTo(status);
            soft.assertThat(body.path("detail").asString()).as(request + " detail").isNotBlank();
            soft.assertThat(body.path("instance").asString()).as(request + " instance").isEqualTo(path);
        }
    }

    @Test
    void titlesThatAreEmptyOrHundredThousandCharactersLongAreRefusedWith400() {
        SoftAssertions soft = new SoftAssertions();
        admin.get("/newsroom/articles/new");
        HttpResponse<String> empty = admin.post("/newsroom/articles", "title", "");
        page(soft, "POST /newsroom/articles title=''", empty, 400);
        soft.assertThat(Jsoup.parse(empty.body()).select("[role=alert], .error").text()).contains("عنوان");
        admin.get("/newsroom/articles/new");
        HttpResponse<String> tooLong = admin.post("/newsroom/articles", "title", LONG_TITLE);
        page(soft, "POST /newsroom/articles title=100,000 chars", tooLong, 400);

        long id = newDraft();
        HttpResponse<String> saveEmpty = admin.post("/newsroom/articles/" + id, "version", "1", "title", " ", "body", "<p>نصّ كتبه المحرر</p>");
        page(soft, "POST /newsroom/articles/{id} title=' '", saveEmpty, 400);
        soft.assertThat(saveEmpty.body()).as("the editor keeps what was typed").contains("نصّ كتبه المحرر");
        admin.get("/newsroom/articles/" + id);
        HttpResponse<String> saveLong = admin.post("/newsroom/articles/" + id, "version", "1", "title", LONG_TITLE, "body", "<p>نص</p>");
        page(soft, "POST /newsroom/articles/{id} title=100,000 chars", saveLong, 400);

        admin.get("/newsroom/articles/" + id);
        String path = "/newsroom/api/articles/" + id;
        problem(soft, "PUT " + path + " title=''", admin.json("PUT", path, editorJson("", 1)), 400, path);
        problem(soft, "PUT " + path + " title=100,000 chars", admin.json("PUT", path, editorJson(LONG_TITLE, 1)), 400, path);
        problem(soft, "PUT " + path + " not JSON", admin.json("PUT", path, "{\"title\":"), 400, path);
        problem(soft, "PUT " + path + " version not a number", admin.json("PUT", path, "{\"title\":\"t\",\"version\":\"x\"}"),
                400, path);
        soft.assertAll();
    }

    @Test
    void anUnknownSectionIsRefusedWith400() {
        SoftAssertions soft = new SoftAssertions();
        admin.get("/newsroom/articles/new");
        page(soft, "POST /newsroom/articles sectionId=unknown",
                admin.post("/newsroom/articles", "title", "عنوان", "sectionId", Long.toString(UNKNOWN)), 400);
        admin.get("/newsroom/articles/new");
        page(soft, "POST /newsroom/articles sectionId=abc", admin.post("/newsroom/articles", "title", "عنوان", "sectionId", "abc"), 400);
        long id = newDraft();
        page(soft, "POST /newsroom/articles/{id} sectionId=unknown", admin.post("/newsroom/articles/" + id,
                "version", Integer.toString(version(id)),
                "title", "عنوان", "body", "<p>نص</p>", "sectionId", Long.toString(UNKNOWN)), 400);
        admin.get("/newsroom/articles/" + id);
        page(soft, "POST /newsroom/articles/{id} version=abc", admin.post("/newsroom/articles/" + id, "version", "abc",
                "title", "عنوان", "body", "<p>نص</p>"), 400);
        admin.get("/newsroom/articles/" + id);
        String path = "/newsroom/api/articles/" + id;
        problem(soft, "PUT " + path + " sectionId=unknown", admin.json("PUT", path,
                "{\"title\":\"عنوان\",\"body\":\"<p>نص</p>\",\"version\":" + version(id) + ",\"sectionId\":" + UNKNOWN + "}"),
                400, path);
        soft.assertAll();
    }

    @Test
    void unknownArticlesAndRevisionsAre404() {
        SoftAssertions soft = new SoftAssertions();
        long id = newDraft();
        page(soft, "GET /newsroom/articles/{unknown}", admin.get("/newsroom/articles/" + UNKNOWN), 404);
        admin.get("/newsroom/articles/" + id);
        page(soft, "POST /newsroom/articles/{unknown}",
                admin.post("/newsroom/articles/" + UNKNOWN, "version", "1", "title", "عنوان", "body", "<p>نص</p>"), 404);
        admin.get("/newsroom/articles/" + id);
        page(soft, "POST /newsroom/articles/{unknown}/workflow",
                admin.post("/newsroom/articles/" + UNKNOWN + "/workflow", "step", "submit"), 404);
        page(soft, "GET /newsroom/articles/{unknown}/revisions", admin.get("/newsroom/articles/" + UNKNOWN + "/revisions"), 404);
        page(soft, "GET /newsroom/articles/{id}/revisions?from={unknown}",
                admin.get("/newsroom/articles/" + id + "/revisions?from=999&to=1"), 404);
        admin.get("/newsroom/articles/" + id);
        page(soft, "POST /newsroom/articles/{id}/revisions/{unknown}/restore",
                admin.post("/newsroom/articles/" + id + "/revisions/999/restore", "version", "1"), 404);
        admin.get("/newsroom/articles/" + id);
        page(soft, "POST /newsroom/articles/{unknown}/revisions/1/restore",
                admin.post("/newsroom/articles/" + UNKNOWN + "/revisions/1/restore", "version", "1"), 404);

        admin.get("/newsroom/articles/" + id);
        String api = "/newsroom/api/articles/" + UNKNOWN;
        problem(soft, "PUT " + api, admin.json("PUT", api, editorJson("عنوان", 1)), 404, api);
        problem(soft, "POST " + api + "/autosave", admin.json("POST", api + "/autosave", editorJson("عنوان", 1)), 404,
                api + "/autosave");
        problem(soft, "POST " + api + "/workflow?step=submit", admin.json("POST", api + "/workflow?step=submit", ""), 404,
                api + "/workflow");
        problem(soft, "GET /api/v1/articles/{unknown}", http.get("/api/v1/articles/" + UNKNOWN), 404,
                "/api/v1/articles/" + UNKNOWN);
        admin.get("/newsroom/media");
        page(soft, "POST /newsroom/media/{unknown}", admin.post("/newsroom/media/" + UNKNOWN, "alt", "نص"), 404);
        admin.get("/newsroom/media");
        page(soft, "POST /newsroom/media/{unknown}/delete", admin.post("/newsroom/media/" + UNKNOWN + "/delete"), 404);
        soft.assertAll();
    }

    /** The newsroom's lists have pages 1 to 999999, as the API's; others are bad input. */
    @Test
    void newsroomListPagesOutOfRangeAre400() {
        SoftAssertions soft = new SoftAssertions();
        for (String list : new String[] {"/newsroom", "/newsroom/media", "/newsroom/audit"}) {
            for (String page : new String[] {"999999999", "2147483647", "99999999999999", "0", "-5", "abc"}) {
                page(soft, "GET " + list + "?page=" + page, admin.get(list + "?page=" + page), 400);
            }
            soft.assertThat(admin.get(list + "?page=999999").statusCode()).as("GET " + list + "?page=999999").isEqualTo(200);
        }
        soft.assertAll();
    }

    @Test
    void sitemapPagesOutOfRangeAre404() {
        SoftAssertions soft = new SoftAssertions();
        for (String path : new String[] {"/sitemap-articles-999999.xml", "/sitemap-articles-0.xml", "/sitemap-tags-999999.xml",
                "/sitemap-tags-0.xml", "/sitemap-articles-abc.xml", "/sitemap-articles-99999999999.xml"}) {
            page(soft, "GET " + path, http.get(path), 404);
        }
        soft.assertThat(http.get("/sitemap-articles-1.xml").statusCode()).isEqualTo(200);
        soft.assertAll();
    }

    /** The upload form's address: it carries the CSRF token. */
    private String uploadAction() {
        HttpResponse<String> library = admin.get("/newsroom/media");
        assertThat(library.statusCode()).isEqualTo(200);
        return Jsoup.parse(library.body()).selectFirst("form[enctype=multipart/form-data]").attr("action");
    }

    private HttpResponse<String> upload(String action, String contentType, byte[] body, boolean json) {
        return admin.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action))
                .header("Content-Type", contentType)
                .header("Accept", json ? "application/json" : "text/html,application/xhtml+xml,*/*;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void uploadsThatAreNotMultipartOrAreTruncatedAre400() {
        SoftAssertions soft = new SoftAssertions();
        byte[] truncated = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n\u00ff\u00d8\u00ff\u00e0 not all of it").getBytes(StandardCharsets.ISO_8859_1);
        for (boolean json : new boolean[] {false, true}) {
            String as = json ? " (JSON)" : " (page)";
            String action = uploadAction();
            HttpResponse<String> raw = upload(action, "application/octet-stream", new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}, json);
            HttpResponse<String> form = upload(uploadAction(), "application/x-www-form-urlencoded",
                    "file=abc".getBytes(StandardCharsets.UTF_8), json);
            HttpResponse<String> cut = upload(uploadAction(), "multipart/form-data; boundary=XyZ", truncated, json);
            HttpResponse<String> noBoundary = upload(uploadAction(), "multipart/form-data", truncated, json);
            if (json) {
                problem(soft, "POST /newsroom/media octet-stream" + as, raw, 400, "/newsroom/media");
                problem(soft, "POST /newsroom/media urlencoded" + as, form, 400, "/newsroom/media");
                problem(soft, "POST /newsroom/media truncated multipart" + as, cut, 400, "/newsroom/media");
                problem(soft, "POST /newsroom/media multipart without boundary" + as, noBoundary, 400, "/newsroom/media");
            } else {
                page(soft, "POST /newsroom/media octet-stream" + as, raw, 400);
                page(soft, "POST /newsroom/media urlencoded" + as, form, 400);
                page(soft, "POST /newsroom/media truncated multipart" + as, cut, 400);
                page(soft, "POST /newsroom/media multipart without boundary" + as, noBoundary, 400);
            }
        }
        soft.assertAll();
    }

    /** An upload whose connection ends (for writing) before the body it announced has arrived. */
    @Test
    void anUploadCutOffBeforeItsEndIs400() throws Exception {
        String action = uploadAction();
        byte[] start = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        SoftAssertions soft = new SoftAssertions();
        for (String accept : new String[] {"text/html", "application/json"}) {
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.setSoTimeout(30_000);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST " + action + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: " + sessionCookie
                        + "\r\nAccept: " + accept + "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                        + "Content-Length: 100000\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(start);
                out.write(new byte[2000]);
                out.flush();
                socket.shutdownOutput();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                soft.assertThat(answer).as("truncated upload, Accept: " + accept).startsWith("HTTP/1.1 400");
            }
        }
        soft.assertAll();
    }

    /** Every JSON endpoint answers its refusals in the same shape, whoever refuses (Spring Security, MVC, the API). */
    @Test
    void jsonEndpointsAnswerProblemDetailsWhateverRefusesTheRequest() {
        SoftAssertions soft = new SoftAssertions();
        Session anonymous = new Session(port);
        problem(soft, "GET /newsroom/api/articles/search without a login", anonymous.json("GET", "/newsroom/api/articles/search?q=x", ""),
                401, "/newsroom/api/articles/search");
        admin.get("/newsroom");
        Session noToken = new Session(port);
        noToken.login("admin", "test-admin-password-1");
        problem(soft, "POST /newsroom/api/tags/suggest without a CSRF token",
                noToken.json("POST", "/newsroom/api/tags/suggest", "{\"text\":\"x\"}"), 403, "/newsroom/api/tags/suggest");
        problem(soft, "DELETE /newsroom/api/articles/1", admin.json("DELETE", "/newsroom/api/articles/1", ""), 405,
                "/newsroom/api/articles/1");
        problem(soft, "POST /newsroom/api/articles/1/workflow?step=fly", admin.json("POST", "/newsroom/api/articles/1/workflow?step=fly", ""),
                400, "/newsroom/api/articles/1/workflow");
        problem(soft, "GET /api/v1/articles?page=0", http.get("/api/v1/articles?page=0"), 400, "/api/v1/articles");
        problem(soft, "GET /api/v1/articles?size=abc", http.get("/api/v1/articles?size=abc"), 400, "/api/v1/articles");
        problem(soft, "GET /api/v1/articles/abc", http.get("/api/v1/articles/abc"), 400, "/api/v1/articles/abc");
        problem(soft, "GET /api/v1/popular?window=year", http.get("/api/v1/popular?window=year"), 400, "/api/v1/popular");
        problem(soft, "GET /api/v1/search?from=yesterday", http.get("/api/v1/search?from=yesterday"), 400, "/api/v1/search");
        problem(soft, "GET /api/v1/nothing", http.get("/api/v1/nothing"), 404, "/api/v1/nothing");
        HttpResponse<String> english = http.get("/api/v1/articles?page=0");
        soft.assertThat(Http.parse(english.body()).path("detail").asString()).isEqualTo("page must be between 1 and 999999");
        soft.assertThat(Http.parse(english.body()).path("errors").path(0).path("name").asString()).isEqualTo("page");
        HttpResponse<String> arabic = admin.json("POST", "/newsroom/api/articles/1/workflow?step=fly", "");
        soft.assertThat(Http.parse(arabic.body()).path("detail").asString()).startsWith("خطوة غير معروفة");
        soft.assertAll();
    }

    @Test
    void theErrorPathItselfIsNotAnError() {
        SoftAssertions soft = new SoftAssertions();
        page(soft, "GET /error", http.get("/error"), 404);
        page(soft, "POST /error without a CSRF token", http.postForm("/error", "a", "b"), 403);
        HttpResponse<String> json = new Session(port).send(HttpRequest.newBuilder(URI.create(http.base() + "/error"))
                .header("Accept", "application/json").GET().build());
        problem(soft, "GET /error (JSON)", json, 404, "/error");
        soft.assertAll();
    }
}
