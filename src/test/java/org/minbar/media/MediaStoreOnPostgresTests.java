package org.minbar.media;

import org.junit.jupiter.api.BeforeAll;
import org.minbar.support.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Closes its context after the class, while the shared PostgreSQL server still runs. */
@DirtiesContext
class MediaStoreOnPostgresTests extends MediaStoreContract {

    @BeforeAll
    static void postgresCanRun() {
        TestDatabases.assumePostgresCanRun();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry);
    }
}
