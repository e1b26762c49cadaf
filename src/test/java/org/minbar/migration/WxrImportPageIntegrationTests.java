package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An administrator uploads a WordPress export in the newsroom and watches it import. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WxrImportPageIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void anAdministratorUploadsAnExportAndSeesTheSummary() throws Exception {
        Session admin = new Session(port);
        assertThat(admin.login("admin", "test-admin-password-1").statusCode()).isEqualTo(302);
        Document page = Jsoup.parse(admin.get("/newsroom/import").body());
        String action = page.selectFirst("form[enctype=multipart/form-data]").attr("action");
        assertThat(action).startsWith("/newsroom/import?_csrf=");

        // The session's cookie goes with the upload: reuse the login through a client of our own.
        HttpResponse<String> upload = multipart(admin, action, Files.readAllBytes(WxrReaderTests.fixture("site.xml")));
        assertThat(upload.statusCode()).isEqualTo(302);

        Document progress = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = admin.get("/newsroom/import");
            progress = Jsoup.parse(response.body());
            if ("done".equals(progress.selectFirst(".wxr-import").attr("data-state"))) {
                break;
            }
            assertThat(response.headers().firstValue("Refresh")).contains("2");
            Thread.sleep(200);
        }
        assertThat(progress.selectFirst(".wxr-import").attr("data-state")).isEqualTo("done");
        assertThat(progress.selectFirst("[data-count=created]").text()).isEqualTo("6");
        assertThat(progress.selectFirst(".wxr-summary").text()).contains("created 6, updated 0, skipped 1, failed 0");
    }

    @Test
    void readersCannotReachTheImportPage() {
        HttpResponse<String> anonymous = new org.minbar.support.Http(port).get("/newsroom/import");
        assertThat(anonymous.statusCode()).isIn(302, 401, 403);
    }

    private HttpResponse<String> multipart(Session session, String path, byte[] bytes) throws IOException, InterruptedException {
        String boundary = "----minbar" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"site.xml\"\r\n"
                + "Content-Type: text/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return session.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
