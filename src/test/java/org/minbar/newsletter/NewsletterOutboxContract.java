package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleStatus;
import org.minbar.system.SiteAddress;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The outbox on a real database (H2 and PostgreSQL, see the subclasses) and a real SMTP server:
 * exactly-once resumption, retries with back-off, bounces. Jobs do not run here (the {@code cli} profile),
 * so each test drives the sender itself, as the job would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.newsletter.retry-delay=1s",
    "minbar.newsletter.bounce-limit=2", "minbar.newsletter.batch-size=7"})
@ActiveProfiles("cli")
abstract class NewsletterOutboxContract {

    static final int SMTP_PORT = MailServers.freePort();
    static GreenMail mail = MailServers.greenMail(SMTP_PORT);

    @AfterAll
    static void stopMail() {
        mail.stop();
    }

    @Autowired
    NewsletterService newsletter;

    @Autowired
    NewsletterSender sender;

    @Autowired
    Subscribers subscribers;

    @Autowired
    Editions editions;

    @Autowired
    ArticleImport imports;

    @Autowired
    PublishedArticles articles;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void purge() throws Exception {
        mail.purgeEmailFromAllMailboxes();
    }

    private List<Long> confirmed(String prefix, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = subscribers.insertPending(prefix + i + "@example.org", Instant.now());
            subscribers.confirm(id, Instant.now());
            ids.add(id);
        }
        return ids;
    }

    private long article(String title) {
        return imports.create(new ArticleDraft(title, "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null, null, List.of(),
                List.of(), null, null, null));
    }

    private List<String> received(String prefix) {
        return MailServers.recipients(mail).stream().filter(r -> r.startsWith(prefix)).toList();
    }

    private String outboxStatus(long editionId, long subscriberId) {
        return jdbc.sql("select status from newsletter_outbox where edition_id = ? and subscriber_id = ?")
                .params(editionId, subscriberId).query(String.class).single();
    }

    @Test
    void anInterruptedSendResumedDeliversEveryRemainingRecipientExactlyOnce() {
        List<Long> ids = confirmed("resume", 30);
        long editionId = newsletter.sendBreaking(article("خبر عاجل للاستئناف")).editionId();

        // The application dies after a part of the recipients...
        sender.send(editionId, () -> received("resume").size() >= 12);
        List<String> before = received("resume");
        assertThat(before).hasSizeBetween(12, 29);
        // ...while one message was between its claim and its result: it may or may not have left.
        long inFlight = ids.stream().filter(id -> "PENDING".equals(outboxStatus(editionId, id))).findFirst().orElseThrow();
        assertThat(editions.claim(editionId, inFlight)).isTrue();
        assertThat(editions.find(editionId).orElseThrow().finishedAt()).isNull();

        // After the restart the job runs again, twice even (two nodes, or a revived dead execution).
        assertThat(sender.send(editionId, () -> false)).isEmpty();
        assertThat(sender.send(editionId, () -> false)).isEmpty();

        List<String> all = received("resume");
        Map<String, Long> perRecipient = all.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(perRecipient.values()).as("nobody got it twice").allMatch(n -> n == 1);
        assertThat(all).hasSize(29).doesNotContain("resume" + ids.indexOf(inFlight) + "@example.org");
        assertThat(ids.stream().map(id -> outboxStatus(editionId, id)).collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .isEqualTo(Map.of("SENT", 29L, "SENDING", 1L));
        assertThat(editions.find(editionId).orElseThrow().finishedAt()).isNotNull();
    }

    @Test
    void aTemporarySmtpFailureIsRetriedWithBackOff() throws Exception {
        List<Long> ids = confirmed("retry", 3);
        long editionId = newsletter.sendBreaking(article("خبر عاجل والخادم متوقف")).editionId();
        mail.stop();
        try {
            Instant before = Instant.now();
            Instant next = sender.send(editionId, () -> false).orElseThrow();
            assertThat(next).isAfter(before);
            assertThat(jdbc.sql("select count(*) from newsletter_outbox where edition_id = ? and status = 'PENDING' and last_error is not null")
                    .param(editionId).query(Integer.class).single()).isGreaterThanOrEqualTo(1);
            assertThat(editions.find(editionId).orElseThrow().finishedAt()).isNull();
        } finally {
            mail = MailServers.greenMail(SMTP_PORT);
        }
        Thread.sleep(Duration.ofMillis(2100).toMillis());
        assertThat(sender.send(editionId, () -> false)).isEmpty();
        assertThat(received("retry")).containsExactlyInAnyOrder("retry0@example.org", "retry1@example.org", "retry2@example.org");
        assertThat(jdbc.sql("select max(attempts) from newsletter_outbox where edition_id = ?").param(editionId)
                .query(Integer.class).single()).isEqualTo(2);
        ids.forEach(id -> assertThat(outboxStatus(editionId, id)).isEqualTo("SENT"));
    }

    @Test
    void permanentFailuresMarkAnAddressBouncingAfterTheLimitAndTemporaryOnesWait(@Autowired MailContent content,
            @Autowired NewsletterProperties config, @Autowired SiteAddress address) throws Exception {
        long gone = confirmed("gone", 1).get(0);
        long busy = confirmed("busy", 1).get(0);
        long fine = confirmed("fine", 1).get(0);
        try (SmtpSink sink = new SmtpSink(a -> a.startsWith("gone") ? "550 5.1.1 no such user"
                : a.startsWith("busy") ? "450 4.2.1 mailbox busy" : null)) {
            JavaMailSenderImpl smtp = new JavaMailSenderImpl();
            smtp.setHost("127.0.0.1");
            smtp.setPort(sink.port());
            MailGateway gateway = new MailGateway(new org.springframework.beans.factory.support.StaticListableBeanFactory(
                    Map.of("sender", smtp)).getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class));
            NewsletterSender viaSink = new NewsletterSender(editions, subscribers, gateway, content, config, articles, taxonomy, address);

            long first = newsletter.sendBreaking(article("عاجل أول")).editionId();
            assertThat(viaSink.send(first, () -> false)).as("the busy one waits for a retry").isPresent();
            assertThat(outboxStatus(first, gone)).isEqualTo("FAILED");
            assertThat(outboxStatus(first, busy)).isEqualTo("PENDING");
            assertThat(outboxStatus(first, fine)).isEqualTo("SENT");
            assertThat(subscribers.byId(gone).orElseThrow().status()).isEqualTo("CONFIRMED");

            long second = newsletter.sendBreaking(article("عاجل ثان")).editionId();
            viaSink.send(second, () -> false);
            assertThat(subscribers.byId(gone).orElseThrow().status()).as("two permanent failures").isEqualTo("BOUNCING");
            assertThat(sink.count("fine0@example.org")).isEqualTo(2);
            assertThat(sink.count("gone0@example.org")).isZero();

            long third = newsletter.sendBreaking(article("عاجل ثالث")).editionId();
            assertThat(jdbc.sql("select count(*) from newsletter_outbox where edition_id = ? and subscriber_id = ?")
                    .params(third, gone).query(Integer.class).single()).as("bouncing addresses are not queued").isZero();
        }
    }

    @Test
    void queuesOnlyConfirmedSubscribersAndHonoursTheirSections() {
        Section politics = taxonomy.ensureSection("politics-" + System.nanoTime(), "سياسة " + System.nanoTime(), SectionKind.NEWS);
        Section arts = taxonomy.ensureSection("arts-" + System.nanoTime(), "فنون " + System.nanoTime(), SectionKind.NEWS);
        long everything = confirmed("all-sections", 1).get(0);
        long politicsOnly = confirmed("politics-only", 1).get(0);
        subscribers.replaceSections(politicsOnly, List.of(politics.id()));
        long artsOnly = confirmed("arts-only", 1).get(0);
        subscribers.replaceSections(artsOnly, List.of(arts.id()));
        long pending = subscribers.insertPending("pending-one@example.org", Instant.now());
        long left = confirmed("left", 1).get(0);
        subscribers.setStatus(left, Subscribers.UNSUBSCRIBED, Instant.now());

        long edition = editions.create(Editions.DIGEST, "s", List.of(), null, Instant.now(), Instant.now());
        editions.queue(edition, Set.of(politics.id()), Instant.now());
        List<Long> queued = jdbc.sql("select subscriber_id from newsletter_outbox where edition_id = ?").param(edition)
                .query(Long.class).list();
        assertThat(queued).contains(everything, politicsOnly).doesNotContain(artsOnly, pending, left);

        assertThat(subscribers.sections(List.of(politicsOnly, artsOnly, everything)))
                .containsEntry(politicsOnly, List.of(politics.id())).containsEntry(artsOnly, List.of(arts.id()))
                .doesNotContainKey(everything);
        assertThat(newsletter.deleteSubscriber("POLITICS-ONLY0@example.org")).isTrue();
        assertThat(subscribers.byId(politicsOnly)).isEmpty();
        assertThat(jdbc.sql("select count(*) from newsletter_outbox where subscriber_id = ?").param(politicsOnly)
                .query(Integer.class).single()).as("nothing left of a deleted address").isZero();
    }
}
