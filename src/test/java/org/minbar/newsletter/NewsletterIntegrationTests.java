package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.system.SiteIdentity;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The newsletter end to end: real HTTP, real jobs, a real SMTP server (GreenMail). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.jobs.polling-interval=200ms",
    "minbar.newsletter.confirmations-per-address-per-day=2"})
class NewsletterIntegrationTests {

    static final int SMTP_PORT = MailServers.freePort();
    static final GreenMail MAIL = MailServers.greenMail(SMTP_PORT);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
        MailServers.register(registry, SMTP_PORT);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    NewsletterService newsletter;

    @Autowired
    ArticleImport imports;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    Subscribers subscribers;

    @Autowired
    SiteIdentity identity;

    Http http;

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(port);
        MAIL.purgeEmailFromAllMailboxes();
    }

    private MimeMessage[] awaitMails(int count) {
        assertThat(MAIL.waitForIncomingEmail(15_000, count)).as("%d mails arrive", count).isTrue();
        return MAIL.getReceivedMessages();
    }

    /** Mails to one address (other tests' mails may arrive in between). */
    private List<MimeMessage> mailsTo(String address) {
        return java.util.Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private MimeMessage awaitMailTo(String address) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (mailsTo(address).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("a mail to %s arrives", address).isLessThan(deadline);
            Thread.sleep(50);
        }
        return mailsTo(address).get(0);
    }

    private long publish(String title, Section section) {
        return imports.create(new ArticleDraft(title, "<p>نص " + title + ".</p>", null, ArticleStatus.PUBLISHED, null,
                section == null ? null : section.id(), List.of(), List.of(), null, null, null));
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void signUpConfirmReceiveTheDigestAndUnsubscribeWithOneClick() throws Exception {
        Section sport = taxonomy.ensureSection("sport", "رياضة", SectionKind.NEWS);
        Section economy = taxonomy.ensureSection("economy", "اقتصاد", SectionKind.NEWS);

        HttpResponse<String> signUp = http.postForm("/newsletter/subscribe", "email", "Reader@Example.org",
                "section", Long.toString(sport.id()), "website", "");
        assertThat(signUp.statusCode()).isEqualTo(200);
        assertThat(newsletter.status("reader@example.org")).hasValue("PENDING");

        MimeMessage confirmation = awaitMailTo("reader@example.org");
        assertThat(confirmation.getAllRecipients()[0].toString()).isEqualTo("reader@example.org");
        assertThat(confirmation.getSubject()).contains("أكّد اشتراكك");
        assertThat(confirmation.getContentType()).startsWith("multipart/");
        String raw = new String(confirmation.getRawInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(confirmation.getContent().toString()).isNotBlank();
        assertThat(MailServers.plainText(confirmation)).contains("أكّد اشتراكك في النشرة الإخبارية");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(confirmation)).contains("text/html").contains("text/plain");
        assertThat(raw).isNotEmpty();
        String confirmLink = MailServers.link(confirmation, "/newsletter/confirm");

        // A mail scanner following the link changes nothing: the page has a button.
        HttpResponse<String> confirmPage = http.get(confirmLink);
        assertThat(confirmPage.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(confirmPage.body()).select("form[action=/newsletter/confirm] button")).hasSize(1);
        assertThat(newsletter.status("reader@example.org")).hasValue("PENDING");

        String token = confirmLink.substring(confirmLink.indexOf("token=") + 6);
        HttpResponse<String> confirmed = http.postForm("/newsletter/confirm", "token", token);
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(confirmed.body()).selectFirst("h1").text()).isEqualTo("تم تأكيد اشتراكك");
        assertThat(newsletter.status("reader@example.org")).hasValue("CONFIRMED");
        assertThat(http.postForm("/newsletter/confirm", "token", token).statusCode()).as("a used link").isEqualTo(400);

        MAIL.purgeEmailFromAllMailboxes();
        long sportNews = publish("فوز الفريق الوطني", sport);
        long economyNews = publish("ارتفاع أسعار الذهب", economy);
        assertThat(newsletter.sendDigestNow()).isPresent();

        MimeMessage digest = awaitMailTo("reader@example.org");
        assertThat(digest.getAllRecipients()[0].toString()).isEqualTo("reader@example.org");
        String text = MailServers.plainText(digest);
        assertThat(text).contains("فوز الفريق الوطني").contains("/news/" + sportNews + "/")
                .doesNotContain("ارتفاع أسعار الذهب").doesNotContain("/news/" + economyNews + "/");
        String unsubscribe = MailServers.link(digest, "/newsletter/unsubscribe");
        assertThat(digest.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(digest.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String html = com.icegreen.greenmail.util.GreenMailUtil.getBody(digest);
        assertThat(html).contains("dir=3D\"rtl\"");

        // RFC 8058: the mail client POSTs to the List-Unsubscribe address, without cookies or a CSRF token.
        HttpResponse<String> oneClick = post(unsubscribe, "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(newsletter.status("reader@example.org")).hasValue("UNSUBSCRIBED");

        MAIL.purgeEmailFromAllMailboxes();
        publish("خبر رياضي آخر", sport);
        assertThat(newsletter.sendDigestNow()).isPresent();
        Thread.sleep(1500);
        assertThat(mailsTo("reader@example.org")).as("no mail after unsubscribing").isEmpty();

        // Subscribing again needs a new confirmation.
        assertThat(http.postForm("/newsletter/subscribe", "email", "reader@example.org").statusCode()).isEqualTo(200);
        assertThat(newsletter.status("reader@example.org")).hasValue("PENDING");
        assertThat(MailServers.link(awaitMailTo("reader@example.org"), "/newsletter/confirm")).isNotEqualTo(confirmLink);
    }

    @Test
    void expiredAndReusedConfirmationLinksAreRefused() {
        long id = subscribers.insertPending("late@example.org", Instant.now());
        String expired = subscribers.newConfirmation(id, Instant.now().minus(3, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS));
        HttpResponse<String> refused = http.postForm("/newsletter/confirm", "token", expired);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(refused.body()).selectFirst("h1").text()).isEqualTo("الرابط غير صالح");
        assertThat(newsletter.status("late@example.org")).hasValue("PENDING");

        String fresh = subscribers.newConfirmation(id, Instant.now(), Instant.now().plus(1, ChronoUnit.DAYS));
        assertThat(http.postForm("/newsletter/confirm", "token", fresh).statusCode()).isEqualTo(200);
        assertThat(http.postForm("/newsletter/confirm", "token", fresh).statusCode()).isEqualTo(400);
        assertThat(http.postForm("/newsletter/confirm", "token", "0".repeat(48)).statusCode()).isEqualTo(400);
        assertThat(newsletter.status("late@example.org")).hasValue("CONFIRMED");
    }

    @Test
    void theHoneypotAndThePerAddressLimitGiveTheSameNeutralAnswer() throws Exception {
        HttpResponse<String> bot = http.postForm("/newsletter/subscribe", "email", "bot-target@example.org", "website", "http://spam");
        assertThat(bot.statusCode()).isEqualTo(200);
        assertThat(newsletter.status("bot-target@example.org")).isEmpty();

        String neutral = Jsoup.parse(bot.body()).selectFirst("main").text();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> again = http.postForm("/newsletter/subscribe", "email", "victim@example.org");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(again.body()).selectFirst("main").text()).isEqualTo(neutral);
        }
        awaitMailTo("victim@example.org");
        Thread.sleep(1500);
        assertThat(mailsTo("victim@example.org")).as("two confirmation mails a day per address").hasSize(2);

        // A confirmed address gets the same answer and no mail.
        long id = subscribers.byEmail("victim@example.org").orElseThrow().id();
        subscribers.confirm(id, Instant.now());
        MAIL.purgeEmailFromAllMailboxes();
        HttpResponse<String> known = http.postForm("/newsletter/subscribe", "email", "victim@example.org");
        assertThat(Jsoup.parse(known.body()).selectFirst("main").text()).isEqualTo(neutral);
        Thread.sleep(1000);
        assertThat(mailsTo("victim@example.org")).isEmpty();
    }

    @Test
    void theSignUpPageOffersSectionsAndAHiddenHoneypot() {
        taxonomy.ensureSection("culture", "ثقافة", SectionKind.NEWS);
        var page = Jsoup.parse(http.get("/newsletter").body());
        assertThat(page.select("form[action=/newsletter/subscribe] input[name=section]")).isNotEmpty();
        assertThat(page.select(".hp input[name=website]")).hasSize(1);
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
    }

    @Test
    void mailsCarryTheSiteNameAnAdminChangedInTheNewsroom() throws Exception {
        String name = identity.name();
        String tagline = identity.tagline();
        Session admin = new Session(port);
        assertThat(admin.login("admin", "test-admin-password-1").statusCode()).isEqualTo(302);
        admin.get("/newsroom/settings");
        assertThat(admin.post("/newsroom/settings", "name", "ليفانت نيوز", "tagline", tagline).statusCode()).isEqualTo(302);
        try {
            assertThat(http.postForm("/newsletter/subscribe", "email", "renamed@example.org").statusCode()).isEqualTo(200);
            MimeMessage confirmation = awaitMailTo("renamed@example.org");
            assertThat(confirmation.getSubject()).endsWith("— ليفانت نيوز");
            assertThat(((jakarta.mail.internet.InternetAddress) confirmation.getFrom()[0]).getPersonal()).isEqualTo("ليفانت نيوز");
            assertThat(MailServers.plainText(confirmation)).contains("لموقع ليفانت نيوز").doesNotContain(name);

            subscribers.confirm(subscribers.byEmail("renamed@example.org").orElseThrow().id(), Instant.now());
            MAIL.purgeEmailFromAllMailboxes();
            NewsletterService.Queued breaking = newsletter.sendBreaking(publish("خبر عاجل بعد تغيير الاسم", null));
            MimeMessage mail = awaitMailTo("renamed@example.org");
            assertThat(((jakarta.mail.internet.InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("ليفانت نيوز");
            assertThat(MailServers.plainText(mail)).contains("لموقع ليفانت نيوز").doesNotContain(name);
            assertThat(Jsoup.parse(html(mail)).text()).contains("لموقع ليفانت نيوز").doesNotContain(name);
            awaitSent(breaking.editionId());

            MAIL.purgeEmailFromAllMailboxes();
            NewsletterService.Queued digest = newsletter.sendDigestNow().orElseThrow();
            assertThat(awaitMailTo("renamed@example.org").getSubject()).startsWith("نشرة ليفانت نيوز: ");
            awaitSent(digest.editionId());
        } finally {
            admin.get("/newsroom/settings");
            admin.post("/newsroom/settings", "name", name, "tagline", tagline);
        }
        assertThat(identity.name()).isEqualTo(name);
    }

    /** The decoded text/html part of a mail. */
    private static String html(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String html = html(multipart.getBodyPart(i));
                if (html != null) {
                    return html;
                }
            }
        }
        return null;
    }

    /** Waits until every recipient of an edition was sent to, so that no mail of it arrives during another test. */
    private void awaitSent(long editionId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (newsletter.recentEditions(20).stream().noneMatch(e -> e.id() == editionId && e.finishedAt() != null)) {
            assertThat(System.currentTimeMillis()).as("edition %d is sent", editionId).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
