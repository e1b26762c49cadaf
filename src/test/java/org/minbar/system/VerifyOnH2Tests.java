package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "minbar.demo.load-on-first-start=false")
class VerifyOnH2Tests extends VerifyContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @Test
    void verifiesOnItsOwnWhenNoSiteServesTheDataDirectory() throws Exception {
        Path alone = TestDatabases.newDataDirectory();
        Path seed = SeedFile.copyTo(Files.createTempDirectory("seed"));
        assertThat(run(alone, "import-text", seed.toString(), "--published", "2021-12-07").status()).isZero();

        Result clean = run(alone, "verify");
        assertThat(clean.status()).as(clean.text() + clean.err()).isZero();

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + alone.resolve("db/minbar")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            c.createStatement().executeUpdate("update article set published_at = null");
        }
        Result broken = run(alone, "verify");
        assertThat(broken.status()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(broken.out()).anyMatch(l -> l.matches("articles: article \\d+ is published without a publication time"));
    }
}
