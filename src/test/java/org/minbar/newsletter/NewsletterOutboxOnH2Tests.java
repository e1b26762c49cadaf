package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class NewsletterOutboxOnH2Tests extends NewsletterOutboxContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
        MailServers.register(registry, SMTP_PORT);
    }

    /** Otherwise every page of recipients sorts all pending rows: a digest to 100,000 slowed to a crawl. */
    @Test
    void recipientsAreReadInIndexOrderWithoutSortingThePendingRows() {
        String plan = jdbc.sql("explain " + Editions.DUE.formatted(200)).params(1L, OffsetDateTime.now(), 0L)
                .query(String.class).single();
        assertThat(plan).contains("newsletter_outbox_status").contains("/* index sorted */");
    }
}
