package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default run, without {@code spring.mail.host}: mails go to the log, as the README promises. A
 * reader signs up through the real form, the confirmation link is read from the log output and
 * used, and a newsletter to the confirmed reader is logged and marked sent in the outbox.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.jobs.polling-interval=200ms"})
class LogMailIntegrationTests {

    private static final Pattern CONFIRM_LINK = Pattern.compile("(http://\\S+/newsletter/confirm\\?token=[A-Za-z0-9_%.-]+)");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    NewsletterService newsletter;

    @Autowired
    ArticleImport imports;

    @Autowired
    MailGateway gateway;

    @Test
    void withoutAMailServerTheConfirmationLinkIsInTheLogAndConfirmsTheReader(CapturedOutput output) throws Exception {
        assertThat(gateway.smtpConfigured()).as("the default configuration has no SMTP server").isFalse();
        Session reader = new Session(port);
        HttpResponse<String> form = reader.get("/newsletter");
        assertThat(form.statusCode()).isEqualTo(200);
        // The honeypot field is left empty, as people (who never see it) leave it.
        HttpResponse<String> signUp = reader.post("/newsletter/subscribe", "email", "log-reader@example.org", "website", "");
        assertThat(signUp.statusCode()).isEqualTo(200);
        assertThat(newsletter.status("log-reader@example.org")).hasValue("PENDING");

        String link = awaitInLog(output, CONFIRM_LINK, "the confirmation link in the log");
        assertThat(output.getAll()).contains("Mail (no SMTP server configured) to log-reader@example.org")
                .contains("أكّد اشتراكك في النشرة الإخبارية").doesNotContain("ClassCastException");

        HttpResponse<String> confirmPage = reader.get(link.substring(link.indexOf("/newsletter/")));
        assertThat(confirmPage.statusCode()).isEqualTo(200);
        String token = Jsoup.parse(confirmPage.body()).selectFirst("form[action=/newsletter/confirm] input[name=token]").val();
        HttpResponse<String> confirmed = reader.post("/newsletter/confirm", "token", token);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(newsletter.status("log-reader@example.org")).hasValue("CONFIRMED");

        // A newsletter goes to the log too, and its outbox row is marked sent (not retried forever).
        long article = imports.create(new ArticleDraft("خبر عاجل في سجل الرسائل", "<p>نص الخبر.</p>", null,
                ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, null));
        long edition = newsletter.sendBreaking(article).editionId();
        long deadline = System.currentTimeMillis() + 20_000;
        NewsletterService.EditionSummary summary;
        do {
            Thread.sleep(100);
            summary = newsletter.recentEditions(10).stream().filter(e -> e.id() == edition).findFirst().orElseThrow();
            assertThat(System.currentTimeMillis()).as("the edition is sent").isLessThan(deadline);
        } while (summary.finishedAt() == null);
        assertThat(summary.delivered()).isEqualTo(1);
        assertThat(summary.failed()).isZero();
        assertThat(output.getAll()).contains("خبر عاجل في سجل الرسائل").contains("/newsletter/unsubscribe?token=");
    }

    private static String awaitInLog(CapturedOutput output, Pattern pattern, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Matcher m = pattern.matcher(output.getAll());
            if (m.find()) {
                return m.group(1);
            }
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
