package org.minbar.search;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The index's lag behind the database, for a scrape (never on a reader's path): article events the
 * indexer has not applied yet ({@code minbar.search.lag.events}), the age of the oldest
 * ({@code minbar.search.lag.seconds}), and whether the index is being rebuilt.
 */
@Component
class SearchIndexMetrics {

    private static final String OUTSTANDING = "from event_publication where completion_date is null and listener_id like '%SearchIndexer%'";

    SearchIndexMetrics(MeterRegistry registry, JdbcClient jdbc, SearchBackend indexer) {
        Gauge.builder("minbar.search.lag.events", () -> jdbc.sql("select count(*) " + OUTSTANDING).query(Long.class).single())
                .description("Article events not yet applied to the search index").register(registry);
        Gauge.builder("minbar.search.lag.seconds", () -> {
            Timestamp oldest = jdbc.sql("select min(publication_date) " + OUTSTANDING).query(Timestamp.class).optional().orElse(null);
            return oldest == null ? 0 : Duration.between(oldest.toInstant(), Instant.now()).toMillis() / 1000.0;
        }).description("Age of the oldest article event not yet applied to the search index").baseUnit("seconds").register(registry);
        Gauge.builder("minbar.search.rebuilding", () -> indexer.rebuilding() ? 1 : 0)
                .description("1 while the search index is damaged or being rebuilt").register(registry);
    }
}
