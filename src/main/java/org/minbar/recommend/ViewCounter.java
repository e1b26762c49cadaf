package org.minbar.recommend;

import jakarta.annotation.PreDestroy;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts article page views in memory and writes them in one batch every few seconds, so that a
 * page view never costs a database write. A crash loses at most one flush interval of counts.
 */
@Component
class ViewCounter {

    static final long FLUSH_INTERVAL_MS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ViewCounter.class);
    private static final Pattern BOT = Pattern.compile(
            "(?i)bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python|java/|httpclient|headless|lighthouse");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private volatile Map<Long, LongAdder> pending = new ConcurrentHashMap<>();

    ViewCounter(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    static boolean isBot(String userAgent) {
        return userAgent == null || userAgent.isBlank() || BOT.matcher(userAgent).find();
    }

    void record(long articleId) {
        pending.computeIfAbsent(articleId, id -> new LongAdder()).increment();
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
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try {
            transaction.executeWithoutResult(status -> counts.forEach((id, views) -> {
                int updated = jdbc.sql("update article_view set views = views + ? where article_id = ? and view_day = ?")
                        .params(views, id, today).update();
                if (updated == 0) {
                    jdbc.sql("insert into article_view (article_id, view_day, views) select ?, ?, ? where exists (select 1 from article where id = ?)")
                            .params(id, today, views, id).update();
                }
            }));
        } catch (RuntimeException e) {
            log.warn("Could not write {} page-view counts; they are dropped: {}", counts.size(), e.getMessage());
        }
    }

    /** Article ids by views since the given day, most viewed first. */
    List<Long> mostViewedSince(LocalDate since, int limit) {
        return jdbc.sql("""
                select article_id from article_view where view_day >= ?
                group by article_id order by sum(views) desc, article_id desc limit ?""")
                .params(since, limit).query(Long.class).list();
    }
}
