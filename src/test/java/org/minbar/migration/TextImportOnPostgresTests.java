package org.minbar.migration;

import org.junit.jupiter.api.BeforeAll;
import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class TextImportOnPostgresTests extends TextImportContract {

    @BeforeAll
    static void postgresCanRun() {
        TestDatabases.assumePostgresCanRun();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.usePostgres(registry);
    }
}
