package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.article.ArticleEditing;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The jar's commands, run through {@link CommandLauncher} as {@code java -jar minbar.jar} runs
 * them: through the running site when one serves the data directory, else on their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "minbar.demo.load-on-first-start=false")
class CommandLineIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataDirectory dataDirectory;

    @Autowired
    ArticleEditing editing;

    private final String previousDataProperty = System.getProperty("minbar.data");

    record Result(int status, List<String> out, String err) {
        String lastLine() {
            return out.get(out.size() - 1);
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

    private static synchronized Result run(Path dataDirectory, String... args) {
        System.setProperty("minbar.data", dataDirectory.toString());
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = CommandLauncher.run(MinbarApplication.class, args);
            return new Result(status, out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList(),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void importTextGoesThroughTheRunningSiteAndTheArticleShowsAtOnce() throws IOException {
        assertThat(RunningSite.read(dataDirectory.root())).hasValueSatisfying(site -> assertThat(site.port()).isEqualTo(port));
        Path seed = SeedFile.copyTo(Files.createTempDirectory("seed"));
        long before = editing.countAll();

        Result result = run(dataDirectory.root(), "import-text", seed.toString(), "--published", "2021-12-07");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).anyMatch(l -> l.contains("14 paragraphs, 5 subheadings, 5 read-also promos"));
        String[] last = result.lastLine().split(" ");
        long id = Long.parseLong(last[0]);
        assertThat(last[1]).startsWith("http://localhost:" + port + "/news/" + id + "/");
        assertThat(editing.countAll()).isEqualTo(before + 1);

        HttpResponse<String> page = new Http(port).get(last[1].substring(("http://localhost:" + port).length()));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(page.body()).selectFirst("h1").text()).startsWith("بايدن وبوتين");
    }

    @Test
    void malformedInputIsRejectedWithFileAndLineAndNothingIsWritten() throws IOException {
        Path dir = Files.createTempDirectory("bad");
        Path binary = dir.resolve("photo.txt");
        Files.write(binary, new byte[] {'-', '\n', 'a', 0, 1, 2, '\n'});
        long before = editing.countAll();

        Result result = run(dataDirectory.root(), "import-text", binary.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("error: " + binary + ":2: binary data").contains("nothing was imported");
        assertThat(editing.countAll()).isEqualTo(before);

        Result missing = run(dataDirectory.root(), "import-text", dir.resolve("absent.txt").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");

        Result unknown = run(dataDirectory.root(), "no-such-command");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'no-such-command'");
    }

    @Test
    void commandsRunOnTheirOwnWhenNoSiteServesTheDataDirectory() throws IOException, SQLException {
        Path alone = TestDatabases.newDataDirectory();
        Path seed = SeedFile.copyTo(Files.createTempDirectory("seed"));

        Result imported = run(alone, "import-text", seed.toString(), "--section", "no-such-section");
        assertThat(imported.status()).isEqualTo(1);
        assertThat(imported.err()).contains("unknown section 'no-such-section'");

        Result ok = run(alone, "import-text", seed.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.lastLine()).matches("\\d+ http://localhost:\\d+/news/\\d+/.+");

        Result help = run(alone, "help");
        assertThat(help.status()).isZero();
        assertThat(String.join("\n", help.out())).contains("import-text", "load-demo");

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + alone.resolve("db/minbar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("select count(*), min(title) from article")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).startsWith("بايدن وبوتين");
        }
    }

    @Test
    void userCommandsManageNewsroomAccountsAndTheGeneratedPasswordLogsIn() {
        Result added = run(dataDirectory.root(), "user", "add", "Reem", "--role", "editor", "--display-name", "ريم");
        assertThat(added.status()).as(added.err()).isZero();
        String password = added.out().stream().filter(l -> l.startsWith("Added editor 'reem'")).findFirst().orElseThrow()
                .replaceFirst(".*password: ", "");
        assertThat(password).hasSize(20);
        assertThat(new Session(port).login("reem", password).headers().firstValue("Location").orElseThrow())
                .endsWith("/newsroom");

        Result duplicate = run(dataDirectory.root(), "user", "add", "reem", "--role", "writer");
        assertThat(duplicate.status()).isEqualTo(1);
        assertThat(duplicate.err()).contains("user 'reem' already exists");
        Result badRole = run(dataDirectory.root(), "user", "add", "sami", "--role", "king");
        assertThat(badRole.status()).isEqualTo(1);
        assertThat(badRole.err()).contains("unknown role 'king'");

        Result changed = run(dataDirectory.root(), "user", "passwd", "reem");
        assertThat(changed.status()).isZero();
        String newPassword = changed.out().stream().filter(l -> l.startsWith("New password for 'reem'")).findFirst().orElseThrow()
                .replaceFirst(".*'reem': ", "").replaceFirst(" .*", "");
        assertThat(new Session(port).login("reem", password).headers().firstValue("Location").orElseThrow()).endsWith("?error");
        assertThat(new Session(port).login("reem", newPassword).headers().firstValue("Location").orElseThrow()).endsWith("/newsroom");

        assertThat(run(dataDirectory.root(), "user", "disable", "reem").status()).isZero();
        assertThat(new Session(port).login("reem", newPassword).headers().firstValue("Location").orElseThrow()).endsWith("?error");
        Result list = run(dataDirectory.root(), "user", "list");
        assertThat(list.out()).anyMatch(l -> l.startsWith("reem") && l.contains("editor") && l.contains("disabled"));
        assertThat(list.out()).anyMatch(l -> l.startsWith("admin") && l.contains("admin"));
    }

    @Test
    void importWxrWithCreateUsersMakesDisabledAccountsThatAnAdminCanOpen() throws Exception {
        Path export = Path.of(getClass().getResource("/wxr/site.xml").toURI());
        Result typo = run(dataDirectory.root(), "import-wxr", export.toString(), "--create-user");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown option: '--create-user'", "Did you mean: --create-users?");

        Result imported = run(dataDirectory.root(), "import-wxr", export.toString(), "--create-users");
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).anyMatch(l -> l.startsWith("newsroom users: created 2"))
                .anyMatch(l -> l.contains("created disabled and without a known password: ahmad, sara"));
        Result list = run(dataDirectory.root(), "user", "list");
        assertThat(list.out()).anyMatch(l -> l.startsWith("ahmad") && l.contains("writer") && l.contains("disabled"));

        Result passwd = run(dataDirectory.root(), "user", "passwd", "ahmad");
        String password = passwd.out().stream().filter(l -> l.startsWith("New password for 'ahmad'")).findFirst().orElseThrow()
                .replaceFirst(".*'ahmad': ", "").replaceFirst(" .*", "");
        assertThat(new Session(port).login("ahmad", password).headers().firstValue("Location").orElseThrow())
                .as("still disabled").endsWith("?error");
        assertThat(run(dataDirectory.root(), "user", "enable", "ahmad").status()).isZero();
        assertThat(new Session(port).login("ahmad", password).headers().firstValue("Location").orElseThrow()).endsWith("/newsroom");
    }

    @Test
    void aMistypedOptionIsRefusedWithASuggestionAndNothingIsImported() throws IOException {
        Path seed = SeedFile.copyTo(Files.createTempDirectory("seed"));
        long before = editing.countAll();

        Result typo = run(dataDirectory.root(), "import-text", seed.toString(), "--sectoin", "reports");

        assertThat(typo.status()).isEqualTo(2);
        // picocli also names the stray value of the unknown option.
        assertThat(typo.err().strip()).startsWith("error: Unknown options: '--sectoin', 'reports'")
                .contains("Did you mean: --section?", "import-text --help").doesNotContain("\n");
        assertThat(editing.countAll()).isEqualTo(before);
    }

    @Test
    void importWxrTakesItsOptionsInBothForms() throws Exception {
        Path export = Path.of(getClass().getResource("/wxr/site.xml").toURI());
        Path missing = Files.createTempDirectory("media").resolve("absent");
        for (String[] form : List.of(new String[] {"--media-dir", missing.toString()}, new String[] {"--media-dir=" + missing})) {
            Result result = run(dataDirectory.root(), "import-wxr", export.toString(), form[0], form.length > 1 ? form[1] : "--dry-run");
            assertThat(result.status()).as(String.join(" ", form)).isEqualTo(1);
            assertThat(result.err()).contains("--media-dir is not a directory: " + missing);
        }

        Path uploads = Path.of(getClass().getResource("/wxr/uploads").toURI());
        Result dryRun = run(dataDirectory.root(), "import-wxr", export.toString(), "--media-dir=" + uploads, "--dry-run");

        assertThat(dryRun.status()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).anyMatch(l -> l.startsWith("Dry run (nothing was written): created "));
        // The shared progress display, as reindex and load-demo show it.
        assertThat(dryRun.out()).anyMatch(l -> l.matches("Importing \\[#{30}\\] 100%  created \\d+, updated \\d+, skipped \\d+, failed \\d+"));
    }

    @Test
    void everyCommandHasHelpAndHelpListsThemAll() {
        Result help = run(dataDirectory.root(), "import-wxr", "--help");
        assertThat(help.status()).isZero();
        assertThat(String.join("\n", help.out())).contains("Usage: java -jar minbar.jar import-wxr", "--media-dir=DIR",
                "--dry-run", "--create-users", "FILE.xml");

        Result user = run(dataDirectory.root(), "user", "add", "--help");
        assertThat(user.status()).isZero();
        assertThat(String.join("\n", user.out())).contains("user add", "--role=writer|editor|admin");

        Result noAction = run(dataDirectory.root(), "user");
        assertThat(noAction.status()).isEqualTo(2);
        assertThat(noAction.err()).contains("error: user needs one of: ", "passwd", "list");

        Result all = run(dataDirectory.root(), "help");
        assertThat(all.status()).isZero();
        assertThat(String.join("\n", all.out())).contains("import-text", "import-wxr", "export-wxr", "load-demo", "reindex",
                "user", "newsletter", "jobs", "job");
    }

    @Test
    void aCommandOnItsOwnDoesNotActAsTheSite() throws IOException, SQLException {
        Path alone = TestDatabases.newDataDirectory();

        Result list = run(alone, "user", "list");

        assertThat(list.status()).as(list.err()).isZero();
        // The cli profile: no first admin, no demo content, no running-site file.
        assertThat(list.out()).noneMatch(l -> l.startsWith("admin"));
        assertThat(RunningSite.read(alone)).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + alone.resolve("db/minbar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("select (select count(*) from newsroom_user), (select count(*) from article)")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            assertThat(rs.getInt(2)).isZero();
        }
    }

    @Test
    void refusesCommandsWithoutTheToken() {
        HttpResponse<String> response = new Http(port).postForm("/internal/commands/load-demo", "cwd", "/tmp");
        assertThat(response.statusCode()).isEqualTo(403);
    }
}
