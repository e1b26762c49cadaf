package org.minbar.newsletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code minbar.newsletter.outbox{status=pending|failed}}: mails waiting to go (or retried), and given up on; read at a scrape. */
@Component
class OutboxMetrics {

    OutboxMetrics(MeterRegistry registry, JdbcClient jdbc) {
        for (String status : new String[] {Editions.PENDING, Editions.FAILED}) {
            Gauge.builder("minbar.newsletter.outbox",
                            () -> jdbc.sql("select count(*) from newsletter_outbox where status = ?").param(status).query(Long.class).single())
                    .description("Newsletter mails in the outbox, by status").tag("status", status.toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }
}
