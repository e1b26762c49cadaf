package org.minbar.newsletter;

import org.junit.jupiter.api.BeforeAll;
import org.minbar.support.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Closes its context after the class, while the shared PostgreSQL server still runs. */
@DirtiesContext
class NewsletterOutboxOnPostgresTests extends NewsletterOutboxContract {

    @BeforeAll
    static void postgresCanRun() {
        TestDatabases.assumePostgresCanRun();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry);
        MailServers.register(registry, SMTP_PORT);
    }
}
