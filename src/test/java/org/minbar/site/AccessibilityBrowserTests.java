package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minbar.article.Article;
import org.minbar.article.ArticleService;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.TaxonomyService;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No WCAG 2 A or AA violations on the reader pages, as axe-core (the {@code axe.min.js} shipped in
 * Deque's Maven artifact) finds them in headless Chromium, at desktop and phone widths.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String SEED_TITLE = "بايدن وبوتين.. والتطبيع المعتمد على تطابق المصالح القصوى";

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry r) {
        TestDatabases.useH2(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    ArticleService articles;

    @Autowired
    TaxonomyService taxonomy;

    private ChromeDriver driver;
    private Path profile;
    private String axe;

    @BeforeAll
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: Chromium and chromedriver are not installed (apt-get install chromium chromium-driver); CI installs them.");
        try (InputStream in = AccessibilityBrowserTests.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        profile = Files.createTempDirectory("minbar-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=ar", "--window-size=1366,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void quitBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void readerPagesHaveNoWcag2AOrAAViolations() {
        Article seed = articles.find(articles.publishedIdWithTitle(SEED_TITLE).orElseThrow()).orElseThrow();
        String section = taxonomy.section(seed.sectionId()).orElseThrow().path();
        String tag = taxonomy.tags(seed.tagIds()).get(0).path();
        List<String> violations = new ArrayList<>();
        for (int width : new int[] {1366, 375}) {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
            for (String path : List.of("/", seed.path(), section, tag, "/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86",
                    "/no-such-page")) {
                violations.addAll(check(path + " @" + width + "px", path));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void axeFindsAViolationWhenThereIsOne() {
        driver.get("http://localhost:" + port + "/");
        waitForLoad();
        driver.executeScript("const i = document.createElement('img'); i.src = '/favicon.svg'; document.querySelector('main').append(i);");
        assertThat(run()).extracting(v -> v.split(":")[0]).contains("image-alt");
    }

    private List<String> check(String label, String path) {
        driver.get("http://localhost:" + port + path);
        waitForLoad();
        return run().stream().map(v -> label + ": " + v).toList();
    }

    private void waitForLoad() {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Runs axe with the WCAG 2.0/2.1/2.2 A and AA rules; one line per violation and node. */
    @SuppressWarnings("unchecked")
    private List<String> run() {
        // The site's CSP forbids inline scripts, but WebDriver's script injection is not inline markup.
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                  .then(r => done(r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + v.help + ' ' + n.target.join(' ')
                      + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

}
