package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.support.SeedFile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code verify} through the running site, as {@code java -jar minbar.jar verify} runs it: clean on
 * a consistent site, and non-zero with one English line per difference when the database or the
 * index was broken on purpose (by SQL behind the application's back, so no event repairs it).
 */
abstract class VerifyContract {

    @Autowired
    DataDirectory dataDirectory;

    @Autowired
    JdbcClient jdbc;

    private final String previousDataProperty = System.getProperty("minbar.data");

    record Result(int status, List<String> out, String err) {
        String text() {
            return String.join("\n", out);
        }
    }

    @AfterEach
    void restoreDataProperty() {
        if (previousDataProperty == null) {
            System.clearProperty("minbar.data");
        } else {
            System.setProperty("minbar.data", previousDataProperty);
        }
    }

    static synchronized Result run(Path dataDirectory, String... args) {
        System.setProperty("minbar.data", dataDirectory.toString());
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = CommandLauncher.run(MinbarApplication.class, args);
            return new Result(status, out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                            .filter(l -> !l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList(), // the site's log, in tests on the same stdout
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    long importSeed() throws IOException {
        Path seed = SeedFile.copyTo(Files.createTempDirectory("seed"));
        Result imported = run(dataDirectory.root(), "import-text", seed.toString(), "--published", "2021-12-07");
        assertThat(imported.status()).as(imported.err()).isZero();
        List<String> out = imported.out();
        return Long.parseLong(out.get(out.size() - 1).split(" ")[0]);
    }

    @Test
    void aConsistentSiteVerifiesClean() throws IOException {
        importSeed();

        Result result = run(dataDirectory.root(), "verify");

        assertThat(result.status()).as(result.text() + result.err()).isZero();
        assertThat(result.out()).contains("Checked articles: consistent.", "Checked search index: consistent.",
                "Checked newsletter: consistent.", "Checked events: consistent.");
        assertThat(result.out().get(result.out().size() - 1)).startsWith("verify: consistent (4 checks");
    }

    @Test
    void anIndexBehindTheDatabaseIsReportedUntilReindexed() throws IOException {
        long stale = importSeed();
        long gone = importSeed();
        assertThat(run(dataDirectory.root(), "verify").status()).as("both indexed").isZero();
        // Saves that no event announces: the index keeps the old version, and an article readers no longer see.
        jdbc.sql("update article set version = version + 5 where id = ?").param(stale).update();
        jdbc.sql("update article set status = 'UNPUBLISHED' where id = ?").param(gone).update();

        Result broken = run(dataDirectory.root(), "verify");

        assertThat(broken.status()).as(broken.text()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(broken.out()).contains("search index: article " + gone + " is in the index but not published in the database")
                .anyMatch(l -> l.matches("search index: article " + stale + " is indexed at version \\d+ but the database has version \\d+"))
                .contains("Checked search index: 2 differences.")
                .last().asString().startsWith("verify: 2 differences found by 4 checks");

        assertThat(run(dataDirectory.root(), "reindex").status()).isZero();
        Result repaired = run(dataDirectory.root(), "verify");
        assertThat(repaired.status()).as(repaired.text()).isZero();
    }

    @Test
    void brokenArticleInvariantsAreReportedOneLineEachAndCapped() throws IOException {
        long edited = importSeed();
        long bare = importSeed();
        long late = importSeed();
        assertThat(run(dataDirectory.root(), "verify").status()).as("all indexed").isZero();
        jdbc.sql("update article set title = 'عنوان كتب خارج المحرر' where id = ?").param(edited).update();
        jdbc.sql("delete from article_revision where article_id = ?").param(bare).update();
        jdbc.sql("update article set status = 'SCHEDULED', published_at = current_timestamp - interval '1' hour where id = ?")
                .param(late).update();

        Result broken = run(dataDirectory.root(), "verify", "--max", "2");

        assertThat(broken.status()).as(broken.text()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(broken.out().stream().filter(l -> l.startsWith("articles: article "))).hasSize(2);
        assertThat(broken.out()).contains("articles: ... and 1 more", "Checked articles: 3 differences.");

        Result unlimited = run(dataDirectory.root(), "verify");
        assertThat(unlimited.status()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(unlimited.out()).contains("articles: article " + edited + "'s title differs from its last revision (1)",
                        "articles: article " + bare + " has no revision")
                .anyMatch(l -> l.startsWith("articles: article " + late + " was scheduled for ")
                        && l.endsWith(" and is still not published"))
                .doesNotContain("articles: ... and 1 more");
        // Put back what other tests of this site expect to be consistent.
        jdbc.sql("delete from article where id in (?, ?, ?)").params(edited, bare, late).update();
        assertThat(run(dataDirectory.root(), "reindex").status()).isZero();
    }
}
