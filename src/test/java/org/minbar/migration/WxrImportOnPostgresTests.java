package org.minbar.migration;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.annotation.DirtiesContext;
import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Closes its context after the class, while the shared PostgreSQL server still runs. */
@DirtiesContext
class WxrImportOnPostgresTests extends WxrImportContract {

    @BeforeAll
    static void postgresCanRun() {
        TestDatabases.assumePostgresCanRun();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry);
    }
}
