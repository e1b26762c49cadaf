package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minbar.article.Article;
import org.minbar.article.ArticleEditing;
import org.minbar.article.PublishedArticles;
import org.minbar.support.HeadlessChromium;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.minbar.taxonomy.TaxonomyService;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
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

    private static final String SEED_TITLE = SeedFile.TITLE;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry r) {
        TestDatabases.useH2(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    PublishedArticles articles;

    @Autowired
    ArticleEditing editing;

    @Autowired
    TaxonomyService taxonomy;

    private HeadlessChromium chromium;
    private ChromeDriver driver;
    private String axe;

    @BeforeAll
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start(1366, 900);
        driver = chromium.driver();
        try (InputStream in = AccessibilityBrowserTests.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    void quitBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void readerPagesHaveNoWcag2AOrAAViolations() {
        Article seed = editing.find(articles.publishedIdWithTitle(SEED_TITLE).orElseThrow()).orElseThrow();
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

    /**
     * axe's best-practice rule landmark-unique (not among the WCAG tags above): the masthead's search
     * form and the search or 404 page's own are two search landmarks, so they need different names.
     * Reproduced: both were unnamed. The search page's dates are typed, not the browser's mm/dd/yyyy.
     */
    @Test
    void searchAndNotFoundPagesHaveLandmarksTellingTheirSearchFormsApart() {
        List<String> violations = new ArrayList<>();
        for (String path : List.of("/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86", "/search", "/no-such-page")) {
            driver.get("http://localhost:" + port + path);
            waitForLoad();
            assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("[role=search]"))).as(path).hasSize(2);
            run("{runOnly: {type: 'rule', values: ['landmark-unique', 'landmark-no-duplicate-contentinfo', 'landmark-no-duplicate-banner']}}")
                    .forEach(v -> violations.add(path + ": " + v));
        }
        assertThat(violations).isEmpty();
        driver.get("http://localhost:" + port + "/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86");
        waitForLoad();
        var from = driver.findElement(org.openqa.selenium.By.id("search-from"));
        assertThat(from.getAttribute("type")).as("no mm/dd/yyyy picker").isEqualTo("text");
        from.sendKeys("٢٠١٧-١-١");
        driver.findElement(org.openqa.selenium.By.id("search-to")).sendKeys("2017/12/31");
        driver.findElement(org.openqa.selenium.By.cssSelector(".search-filters button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("from="));
        waitForLoad();
        assertThat(driver.findElements(org.openqa.selenium.By.cssSelector(".did-you-mean, .search-page")).isEmpty()).isFalse();
        assertThat(driver.getPageSource()).as("Arabic-Indic digits and slashes are a date").doesNotContain("التاريخ غير صالح");
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
        return run("{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}");
    }

    /** Runs axe with these options (a JavaScript object); one line per violation and node. */
    @SuppressWarnings("unchecked")
    private List<String> run(String options) {
        // The site's CSP forbids inline scripts, but WebDriver's script injection is not inline markup.
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, %s)""".formatted(options) + """
                  .then(r => done(r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + v.help + ' ' + n.target.join(' ')
                      + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

}
