package org.minbar.newsletter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The newsletter: sign-up with double opt-in, confirmation, unsubscribe and section preferences,
 * digests and breaking-news mails, and what the newsroom shows about them.
 */
@Service
public class NewsletterService {

    private static final Logger log = LoggerFactory.getLogger(NewsletterService.class);

    /** The answer to a sign-up. {@code PENDING} is the same whatever the address's state, so nothing is revealed. */
    public enum SignUp { PENDING, INVALID_ADDRESS }

    /** The answer to a confirmation link: unknown, used and expired links all look the same. */
    public enum Confirmation { CONFIRMED, INVALID_LINK }

    /** What the unsubscribe and preferences page shows for an unsubscribe token. */
    public record Subscription(String status, List<Long> sectionIds) {
        public boolean active() {
            return Subscribers.CONFIRMED.equals(status);
        }
    }

    /** Counts of one edition's recipients by state. */
    public record EditionSummary(long id, String kind, String subject, Instant createdAt, Instant finishedAt, long delivered,
            long failed, long pending, long skipped, long inDoubt) {
    }

    /** What was queued: an edition, its number of articles and recipients. */
    public record Queued(long editionId, int articles, int recipients) {
    }

    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private final Subscribers subscribers;
    private final Editions editions;
    private final EditionPlanner planner;
    private final SchedulerClient jobs;
    private final TaxonomyService taxonomy;
    private final NewsletterProperties config;
    private final Cache<String, Bucket> perAddress = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofDays(1)).build();
    Clock clock = Clock.systemUTC();

    NewsletterService(Subscribers subscribers, Editions editions, EditionPlanner planner, SchedulerClient jobs,
            TaxonomyService taxonomy, NewsletterProperties config) {
        this.subscribers = subscribers;
        this.editions = editions;
        this.planner = planner;
        this.jobs = jobs;
        this.taxonomy = taxonomy;
        this.config = config;
    }

    static boolean valid(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
    }

    static String normalize(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }

    /** Signs an address up for every section. */
    public SignUp signUp(String rawAddress) {
        return signUp(rawAddress, List.of(), null);
    }

    /**
     * Signs an address up: a new, pending, unsubscribed or bouncing address gets a confirmation
     * mail (at most {@code minbar.newsletter.confirmations-per-address-per-day}); a confirmed one is
     * left alone. A filled-in honeypot field (which people never see) does nothing. The answer is
     * {@link SignUp#PENDING} in every one of these cases.
     */
    @Transactional
    public SignUp signUp(String rawAddress, Collection<Long> sectionIds, String honeypot) {
        String address = normalize(rawAddress);
        if (!valid(address)) {
            return SignUp.INVALID_ADDRESS;
        }
        if (honeypot != null && !honeypot.isBlank()) {
            log.info("Newsletter sign-up ignored: the honeypot field was filled in");
            return SignUp.PENDING;
        }
        Instant now = clock.instant();
        Optional<Subscribers.Subscriber> known = subscribers.byEmail(address);
        if (known.isPresent() && Subscribers.CONFIRMED.equals(known.get().status())) {
            return SignUp.PENDING;
        }
        if (!perAddress.get(address, a -> newAddressBucket()).tryConsume(1)) {
            log.info("Newsletter sign-up: confirmation limit reached for one address");
            return SignUp.PENDING;
        }
        long id = known.map(Subscribers.Subscriber::id).orElseGet(() -> subscribers.insertPending(address, now));
        if (known.isPresent()) {
            subscribers.setStatus(id, Subscribers.PENDING, now);
        }
        subscribers.replaceSections(id, existingSections(sectionIds));
        jobs.scheduleIfNotExists(EditionPlanner.CONFIRMATION.instance("subscriber-" + id + "-" + now.toEpochMilli())
                .data(id).scheduledTo(now));
        return SignUp.PENDING;
    }

    private Bucket newAddressBucket() {
        int perDay = Math.max(1, config.confirmationsPerAddressPerDay());
        return Bucket.builder().addLimit(limit -> limit.capacity(perDay).refillGreedy(perDay, Duration.ofDays(1))).build();
    }

    private List<Long> existingSections(Collection<Long> sectionIds) {
        if (sectionIds == null || sectionIds.isEmpty()) {
            return List.of();
        }
        Set<Long> known = new java.util.HashSet<>(taxonomy.sections().stream().map(Section::id).toList());
        return sectionIds.stream().filter(known::contains).distinct().sorted().toList();
    }

    /** Uses a confirmation link (once, before it expires) and confirms the address. */
    @Transactional
    public Confirmation confirm(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Confirmation.INVALID_LINK;
        }
        Instant now = clock.instant();
        Optional<Long> subscriberId = subscribers.useConfirmation(token.strip(), now);
        if (subscriberId.isEmpty()) {
            return Confirmation.INVALID_LINK;
        }
        subscribers.confirm(subscriberId.get(), now);
        return Confirmation.CONFIRMED;
    }

    /** The subscription an unsubscribe link belongs to. */
    public Optional<Subscription> subscription(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return subscribers.byToken(token.strip()).map(s -> new Subscription(s.status(), subscribers.sections(s.id())));
    }

    /** Unsubscribes at once; false for an unknown link. Subscribing again needs a new confirmation. */
    @Transactional
    public boolean unsubscribe(String token) {
        Optional<Subscribers.Subscriber> subscriber = token == null ? Optional.empty() : subscribers.byToken(token.strip());
        subscriber.filter(s -> !Subscribers.UNSUBSCRIBED.equals(s.status()))
                .ifPresent(s -> subscribers.setStatus(s.id(), Subscribers.UNSUBSCRIBED, clock.instant()));
        return subscriber.isPresent();
    }

    /** Changes the sections a subscriber receives in digests (none: every section). */
    @Transactional
    public boolean changeSections(String token, Collection<Long> sectionIds) {
        Optional<Subscribers.Subscriber> subscriber = token == null ? Optional.empty() : subscribers.byToken(token.strip());
        subscriber.ifPresent(s -> subscribers.replaceSections(s.id(), existingSections(sectionIds)));
        return subscriber.isPresent();
    }

    /** The status of an address ("PENDING", "CONFIRMED", "UNSUBSCRIBED", "BOUNCING"), if it signed up. */
    public Optional<String> status(String address) {
        return subscribers.byEmail(normalize(address)).map(Subscribers.Subscriber::status);
    }

    /** Queues the digest of articles published since the last one; empty when there is nothing new. */
    public Optional<Queued> sendDigestNow() {
        return planner.planDigest(jobs, clock.instant()).map(p -> new Queued(p.editionId(), p.articles(), p.recipients()));
    }

    /**
     * Queues a breaking-news mail for one published article to every confirmed subscriber.
     *
     * @throws IllegalArgumentException when the article is not published
     * @throws IllegalStateException when one was already sent for it
     */
    public Queued sendBreaking(long articleId) {
        EditionPlanner.Planned p = planner.planBreaking(jobs, articleId, clock.instant());
        return new Queued(p.editionId(), p.articles(), p.recipients());
    }

    /** Subscribers by status: CONFIRMED, PENDING, UNSUBSCRIBED, BOUNCING. */
    public Map<String, Long> subscriberCounts() {
        return subscribers.countsByStatus();
    }

    /** The latest editions, newest first, with delivered, failed and pending counts. */
    public List<EditionSummary> recentEditions(int limit) {
        return editions.recent(limit).stream().map(e -> {
            Map<String, Long> counts = editions.counts(e.id());
            return new EditionSummary(e.id(), e.kind(), e.subject(), e.createdAt().toInstant(),
                    e.finishedAt() == null ? null : e.finishedAt().toInstant(), counts.getOrDefault(Editions.SENT, 0L),
                    counts.getOrDefault(Editions.FAILED, 0L), counts.getOrDefault(Editions.PENDING, 0L),
                    counts.getOrDefault(Editions.SKIPPED, 0L), counts.getOrDefault(Editions.SENDING, 0L));
        }).toList();
    }

    /** Writes every subscriber as CSV (address, status, signed up, confirmed), streaming. */
    public void exportCsv(Writer out) throws IOException {
        out.write("email,status,created_at,confirmed_at\r\n");
        IOException[] failure = {null};
        subscribers.forEach(row -> {
            if (failure[0] != null) {
                return;
            }
            try {
                out.write(csv(row.email()) + "," + row.status() + "," + (row.createdAt() == null ? "" : row.createdAt().toInstant())
                        + "," + (row.confirmedAt() == null ? "" : row.confirmedAt().toInstant()) + "\r\n");
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static String csv(String value) {
        // A leading = + - @ would be read as a formula by spreadsheets.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** Erases a subscriber's address and everything kept about it; false when unknown. */
    @Transactional
    public boolean deleteSubscriber(String address) {
        boolean deleted = subscribers.delete(normalize(address));
        if (deleted) {
            perAddress.invalidate(normalize(address));
        }
        return deleted;
    }
}
