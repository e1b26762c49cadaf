package org.minbar.newsletter;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.system.SiteAddress;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one edition through its outbox. Recipients are read a page at a time in id order (never
 * all loaded). Each row is claimed (SENDING) in its own statement before the SMTP conversation and
 * marked after it: a crash leaves at most the message in flight unmarked, and it is never sent again.
 */
@Component
class NewsletterSender {

    private static final Logger log = LoggerFactory.getLogger(NewsletterSender.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Editions editions;
    private final Subscribers subscribers;
    private final MailGateway gateway;
    private final MailContent content;
    private final NewsletterProperties config;
    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final SiteAddress address;
    Clock clock = Clock.systemUTC();

    NewsletterSender(Editions editions, Subscribers subscribers, MailGateway gateway, MailContent content,
            NewsletterProperties config, PublishedArticles articles, TaxonomyService taxonomy, SiteAddress address) {
        this.editions = editions;
        this.subscribers = subscribers;
        this.gateway = gateway;
        this.content = content;
        this.config = config;
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.address = address;
    }

    /**
     * Sends what is due of an edition. Returns when the next retry is due, or empty when the
     * edition is finished (every row sent, failed or skipped).
     */
    Optional<Instant> send(long editionId, BooleanSupplier stopping) {
        Editions.Edition edition = editions.find(editionId).orElse(null);
        if (edition == null || edition.finishedAt() != null) {
            return Optional.empty();
        }
        List<MailArticle> all = mailArticles(edition.articleIds());
        Map<Long, Set<Long>> covering = covering(all);
        boolean digest = Editions.DIGEST.equals(edition.kind());
        String heading = digest ? "أخبار اليوم" : "خبر عاجل";
        long started = System.nanoTime();
        long lastProgress = started;
        int sent = 0;
        int failed = 0;
        boolean connectionDown = false;
        long after = 0;
        try (MailGateway.Connection connection = gateway.open()) {
            outer:
            while (!stopping.getAsBoolean()) {
                List<Editions.Due> page = editions.due(editionId, after, clock.instant(), config.batchSize());
                if (page.isEmpty()) {
                    break;
                }
                Map<Long, List<Long>> chosen = digest ? subscribers.sections(page.stream().map(Editions.Due::subscriberId).toList())
                        : Map.of();
                for (Editions.Due due : page) {
                    if (stopping.getAsBoolean()) {
                        break outer;
                    }
                    after = due.subscriberId();
                    List<MailArticle> forHim = forSubscriber(all, covering, chosen.get(due.subscriberId()));
                    if (!Subscribers.CONFIRMED.equals(due.subscriberStatus()) || forHim.isEmpty()) {
                        if (editions.claim(editionId, due.subscriberId())) {
                            editions.mark(editionId, due.subscriberId(), Editions.SKIPPED, null, clock.instant());
                        }
                        continue;
                    }
                    if (!editions.claim(editionId, due.subscriberId())) {
                        continue; // another worker has it
                    }
                    MimeMessage message = content.newsletter(due.email(), due.token(), edition.subject(), heading, null, forHim);
                    MailGateway.Result result = connection.send(message);
                    Instant now = clock.instant();
                    switch (result.outcome()) {
                        case DELIVERED -> {
                            editions.mark(editionId, due.subscriberId(), Editions.SENT, null, now);
                            if (due.bounces() > 0) {
                                subscribers.recordDelivery(due.subscriberId());
                            }
                            sent++;
                        }
                        case PERMANENT -> {
                            editions.mark(editionId, due.subscriberId(), Editions.FAILED, result.error(), now);
                            if (subscribers.recordBounce(due.subscriberId(), config.bounceLimit(), now)) {
                                log.info("Newsletter address {} marked as bouncing after {} permanent failures", due.subscriberId(),
                                        config.bounceLimit());
                            }
                            failed++;
                        }
                        case TEMPORARY -> {
                            int attempts = due.attempts() + 1;
                            if (attempts >= config.maxAttempts()) {
                                editions.mark(editionId, due.subscriberId(), Editions.FAILED, "gave up: " + result.error(), now);
                                failed++;
                            } else {
                                editions.retryLater(editionId, due.subscriberId(), result.error(), now.plus(config.backOff(attempts)));
                            }
                            if (!result.replied()) {
                                log.warn("Newsletter {}: the SMTP server does not answer ({}); retrying later", editionId, result.error());
                                connectionDown = true;
                                break outer;
                            }
                        }
                    }
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                        lastProgress = System.nanoTime();
                        progress(editionId, sent, failed, started);
                    }
                }
            }
        }
        if (sent + failed > 0) {
            progress(editionId, sent, failed, started);
        }
        Optional<Instant> next = editions.nextPending(editionId);
        if (next.isEmpty()) {
            editions.finish(editionId, clock.instant());
            log.info("Newsletter {} finished: {}", editionId, editions.counts(editionId));
        } else if (connectionDown || stopping.getAsBoolean()) {
            Instant retry = clock.instant().plus(stopping.getAsBoolean() ? Duration.ZERO : config.retryDelay());
            next = Optional.of(next.get().isAfter(retry) ? next.get() : retry);
        }
        return next;
    }

    private static void progress(long editionId, int sent, int failed, long started) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        Runtime runtime = Runtime.getRuntime();
        log.info(String.format(java.util.Locale.ROOT, "Newsletter %d: %d sent, %d failed in this run, %.0f messages/s, heap used %d MB",
                editionId, sent, failed, sent / seconds, (runtime.totalMemory() - runtime.freeMemory()) >> 20));
    }

    /** Sends the confirmation mail of a pending subscriber. Throws on a temporary failure so that the job retries. */
    void sendConfirmation(long subscriberId) {
        Subscribers.Subscriber subscriber = subscribers.byId(subscriberId).orElse(null);
        if (subscriber == null || !Subscribers.PENDING.equals(subscriber.status())) {
            return;
        }
        Instant now = clock.instant();
        String token = subscribers.newConfirmation(subscriberId, now, now.plus(config.confirmationTtl()));
        MimeMessage message = content.confirmation(subscriber.email(), token);
        MailGateway.Result result;
        try (MailGateway.Connection connection = gateway.open()) {
            result = connection.send(message);
        }
        switch (result.outcome()) {
            case DELIVERED -> log.debug("Confirmation mail sent to subscriber {}", subscriberId);
            case PERMANENT -> log.warn("Confirmation mail to subscriber {} refused: {}", subscriberId, result.error());
            case TEMPORARY -> throw new IllegalStateException("Confirmation mail to subscriber " + subscriberId
                    + " not sent, will retry: " + result.error());
        }
    }

    List<MailArticle> mailArticles(List<Long> ids) {
        Map<Long, Section> sections = new HashMap<>();
        taxonomy.sections().forEach(s -> sections.put(s.id(), s));
        return articles.summaries(ids).stream().map(s -> mailArticle(s, sections)).toList();
    }

    private MailArticle mailArticle(ArticleSummary s, Map<Long, Section> sections) {
        Section section = s.sectionId() == null ? null : sections.get(s.sectionId());
        return new MailArticle(s.id(), s.title(), address.absolute(s.path()), s.excerpt(),
                section == null ? null : section.name(), s.sectionId());
    }

    /** For each article, the sections that include it: its own and the sections above it. */
    private Map<Long, Set<Long>> covering(List<MailArticle> all) {
        Map<Long, Section> sections = new HashMap<>();
        taxonomy.sections().forEach(s -> sections.put(s.id(), s));
        Map<Long, Set<Long>> result = new HashMap<>();
        for (MailArticle article : all) {
            Set<Long> ids = new HashSet<>();
            for (Long id = article.sectionId(); id != null && ids.add(id); ) {
                Section section = sections.get(id);
                id = section == null ? null : section.parentId();
            }
            result.put(article.id(), ids);
        }
        return result;
    }

    static Set<Long> coveredSections(Map<Long, Set<Long>> covering) {
        Set<Long> all = new HashSet<>();
        covering.values().forEach(all::addAll);
        return all;
    }

    Set<Long> coveredSections(List<MailArticle> articles) {
        return coveredSections(covering(articles));
    }

    private static List<MailArticle> forSubscriber(List<MailArticle> all, Map<Long, Set<Long>> covering, List<Long> chosen) {
        if (chosen == null || chosen.isEmpty()) {
            return all;
        }
        return all.stream().filter(a -> covering.get(a.id()).stream().anyMatch(chosen::contains)).toList();
    }
}
