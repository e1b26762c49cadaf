package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.minbar.support.TestDatabases;

/**
 * Durable commits keep the H2 file small. Every acknowledged write ends with {@code CHECKPOINT SYNC}
 * (DurableCommits), which writes a chunk per commit, as {@code WRITE_DELAY=0} did; H2 may reuse a
 * chunk's space only after its retention time (45 s by default), so a burst of saves grew the file
 * by about 25 KB per commit for 45 s (about 150 MB for 6,000 saves of a 9 KB body, measured on
 * H2 2.4.240). With the application's URL the space is reused after a second.
 */
class DatabaseFileGrowthTests {

    @Test
    void aBurstOfDurableSavesOfOneArticleLeavesTheFileSmall() throws Exception {
        Path data = TestDatabases.newDataDirectory();
        String url = InterruptedWritesTests.applicationUrl(data);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("create table saved (id int primary key, body varchar(20000))");
            s.execute("insert into saved values (1, '')");
            PreparedStatement save = c.prepareStatement("update saved set body = ? where id = 1");
            for (int i = 0; i < 6000; i++) {
                save.setString(1, ("نسخة " + i + " ").repeat(900));
                save.executeUpdate();
                s.execute("CHECKPOINT SYNC");
            }
            long megabytes = Files.size(data.resolve("db/minbar.mv.db")) / (1024 * 1024);
            assertThat(megabytes).as("database file, MB").isLessThan(60);
        }
    }
}
