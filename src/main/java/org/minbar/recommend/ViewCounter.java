package org.minbar.recommend;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.minbar.article.PublishedArticles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts article page views in memory and writes them in one batch every few seconds, so that a
 * page view never costs a database write; a crash loses at most one flush interval of counts.
 * Bots and a second view of the same article from one address within half an hour are not counted. The
 * popular ranking is computed from the stored counts once a minute, not per request.
 */
@Component
class ViewCounter {

    static final long FLUSH_INTERVAL_MS = 5_000;
    static final Duration RELOAD_WINDOW = Duration.ofMinutes(30);
    static final int RANKING_SIZE = 100;
    private static final Logger log = LoggerFactory.getLogger(ViewCounter.class);
    private static final String[] BOT_WORDS = {"bot", "crawl", "spider", "slurp", "preview", "fetch", "monitor", "curl",
        "wget", "python", "java/", "httpclient", "headless", "lighthouse"};
    static final int MAX_READERS_PER_GENERATION = 2_000_000;

    private final JdbcClient jdbc;
    private final PublishedArticles articles;
    private final TransactionTemplate transaction;
    // Who read what recently, as 64-bit hashes in two generations of RELOAD_WINDOW each: a reload within
    // the window is always found, one up to twice the window may be. Plain sets, no per-entry expiry
    // bookkeeping: this runs on every article page.
    private volatile Set<Long> currentReaders = ConcurrentHashMap.newKeySet();
    private volatile Set<Long> previousReaders = ConcurrentHashMap.newKeySet();
    private volatile long generationStarted = System.nanoTime();
    private volatile Map<Long, LongAdder> pending = new ConcurrentHashMap<>();
    private volatile Map<PopularWindow, List<Long>> ranking = new EnumMap<>(PopularWindow.class);

    ViewCounter(JdbcClient jdbc, PublishedArticles articles, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.articles = articles;
        this.transaction = transaction;
    }

    static boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String ua = userAgent.toLowerCase(java.util.Locale.ROOT);
        for (String word : BOT_WORDS) {
            if (ua.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts a view unless this address viewed the article in the last half hour. The browser is
     * not part of the reader: a User-Agent costs nothing to change, and rotating it pushed an old
     * article to the top of the popular ranking (300 requests from one address in a minute).
     */
    boolean record(long articleId, String address, String userAgent) {
        rotateIfDue();
        long reader = readerHash(articleId, address);
        if (previousReaders.contains(reader) || !currentReaders.add(reader)) {
            return false;
        }
        pending.computeIfAbsent(articleId, id -> new LongAdder()).increment();
        return true;
    }

    private void rotateIfDue() {
        if (System.nanoTime() - generationStarted > RELOAD_WINDOW.toNanos() || currentReaders.size() > MAX_READERS_PER_GENERATION) {
            synchronized (this) {
                if (System.nanoTime() - generationStarted > RELOAD_WINDOW.toNanos()
                        || currentReaders.size() > MAX_READERS_PER_GENERATION) {
                    previousReaders = currentReaders;
                    currentReaders = ConcurrentHashMap.newKeySet();
                    generationStarted = System.nanoTime();
                }
            }
        }
    }

    /** FNV-1a over the article and address: 64 bits, so that distinct readers practically never collide. */
    static long readerHash(long articleId, String address) {
        long h = 0xcbf29ce484222325L ^ articleId;
        h *= 0x100000001b3L;
        for (String part : new String[] {address == null ? "" : address}) {
            for (int i = 0; i < part.length(); i++) {
                h ^= part.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= 0x1f;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Scheduled(fixedDelay = FLUSH_INTERVAL_MS)
    @PreDestroy
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, LongAdder> batch = pending;
        pending = new ConcurrentHashMap<>();
        Map<Long, Long> counts = new HashMap<>();
        batch.forEach((id, adder) -> counts.put(id, adder.sum()));
        OffsetDateTime hour = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> write(counts, hour));
                return;
            } catch (DataIntegrityViolationException e) {
                // An article deleted after the article feature was asked and before the insert: ask again, once.
                if (attempt == 2) {
                    log.warn("Could not write {} page-view counts; they are dropped: {}", counts.size(), e.getMessage());
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("Could not write {} page-view counts; they are dropped: {}", counts.size(), e.getMessage());
                return;
            }
        }
    }

    /**
     * One transaction for the batch. Only views of articles that are still published are written: the
     * article feature says which (one query per 1,000 articles), so that a view counted just before an
     * article was deleted neither breaks {@code article_view}'s foreign key (which would roll back the
     * whole batch) nor revives it in the rankings; views of one unpublished meanwhile are dropped too.
     */
    private void write(Map<Long, Long> counts, OffsetDateTime hour) {
        Set<Long> published = articles.publishedIds(counts.keySet());
        counts.forEach((id, views) -> {
            if (!published.contains(id)) {
                return;
            }
            int updated = jdbc.sql("update article_view set views = views + ? where article_id = ? and view_hour = ?")
                    .params(views, id, hour).update();
            if (updated == 0) {
                jdbc.sql("insert into article_view (article_id, view_hour, views) values (?, ?, ?)").params(id, hour, views).update();
            }
        });
    }

    /** Recomputes the rankings of every window from the stored counts. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 10_000)
    void rank() {
        Map<PopularWindow, List<Long>> fresh = new EnumMap<>(PopularWindow.class);
        Instant now = Instant.now();
        for (PopularWindow window : PopularWindow.values()) {
            Map<Long, Double> scores = new HashMap<>();
            double halfLifeHours = window.halfLife().toMinutes() / 60.0;
            jdbc.sql("select article_id, view_hour, views from article_view where view_hour >= ?")
                    .param(now.minus(window.length()).truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC))
                    .query(rs -> {
                        Instant hour = rs.getObject("view_hour", OffsetDateTime.class).toInstant();
                        double ageHours = Math.max(0, Duration.between(hour, now).toMinutes() / 60.0);
                        scores.merge(rs.getLong("article_id"), rs.getLong("views") * Math.pow(0.5, ageHours / halfLifeHours),
                                Double::sum);
                    });
            List<Long> ids = new ArrayList<>(scores.keySet());
            ids.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)) != 0
                    ? Double.compare(scores.get(b), scores.get(a)) : Long.compare(b, a));
            fresh.put(window, List.copyOf(ids.subList(0, Math.min(RANKING_SIZE, ids.size()))));
        }
        ranking = fresh;
    }

    /** Article ids, most popular first, as of the last ranking. */
    List<Long> ranking(PopularWindow window) {
        return ranking.getOrDefault(window, List.of());
    }
}
