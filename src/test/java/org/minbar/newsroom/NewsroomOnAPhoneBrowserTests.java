package org.minbar.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minbar.article.PublishedArticles;
import org.minbar.support.HeadlessChromium;
import org.minbar.support.NuHtmlChecker;
import org.minbar.support.SeedFile;
import org.minbar.support.Session;
import org.minbar.support.TestDatabases;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Journalists file from phones: every newsroom page fits a 360 and a 390 px wide phone screen
 * without scrolling sideways, its controls are big enough to tap, and the dashboard and the editor
 * do not jump while they load (the web font arriving, the rich editor replacing the textarea),
 * measured as Chromium measures cumulative layout shift, over a slow phone network with no cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "minbar.demo.load-on-first-start=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomOnAPhoneBrowserTests {

    static final String PASSWORD = "phone-admin-password";
    /** The "good" threshold of Google's Core Web Vitals. */
    static final double CLS_BUDGET = 0.1;
    /** Apple's and WCAG 2.5.5's size for something a finger taps. */
    static final int TAP_TARGET_PX = 44;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    PublishedArticles published;

    HeadlessChromium chromium;
    ChromeDriver driver;
    long seedId;

    @BeforeAll
    void start() throws IOException {
        chromium = HeadlessChromium.start(360, 800);
        driver = chromium.driver();
        if (users.find("phone-admin").isEmpty()) {
            users.add("phone-admin", "مدير الهاتف", Role.ADMIN, PASSWORD);
        }
        seedId = published.publishedIdWithTitle(SeedFile.TITLE).orElseThrow();
        phone(360);
        driver.get(url("/newsroom/login"));
        driver.findElement(By.id("username")).sendKeys("phone-admin");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/newsroom"));
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A phone as Lighthouse's mobile run emulates one: its width, touch, and a slow network without cache. */
    private void phone(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 2, "mobile", true));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 150,
                "downloadThroughput", 1_600_000 / 8, "uploadThroughput", 750_000 / 8));
        driver.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", 4));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private List<String> pages() {
        return List.of("/newsroom", "/newsroom/articles/" + seedId, "/newsroom/articles/new", "/newsroom/articles/" + seedId
                + "/revisions", "/newsroom/media", "/newsroom/taxonomy", "/newsroom/users", "/newsroom/settings",
                "/newsroom/import", "/newsroom/newsletter", "/newsroom/audit");
    }

    private void open(String path) {
        driver.get(url(path));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** What sticks out of the page sideways: the page's scroll width and the elements beyond its edges. */
    private String overflow() {
        return (String) driver.executeScript("""
                const root = document.documentElement, width = root.clientWidth;
                if (root.scrollWidth <= width && root.scrollWidth <= window.innerWidth) return '';
                const out = [...document.body.querySelectorAll('*')].filter(e => {
                  const r = e.getBoundingClientRect();
                  return r.width > 0 && (r.left < -0.5 || r.right > width + 0.5);
                }).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                  + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                  + ' [' + Math.round(e.getBoundingClientRect().left) + ', ' + Math.round(e.getBoundingClientRect().right) + ']');
                return 'scrollWidth ' + root.scrollWidth + ' > ' + width + ': ' + out.join(', ');
                """);
    }

    /** Visible controls smaller than a fingertip; links inside running text and check boxes (their labels are the target) excepted. */
    @SuppressWarnings("unchecked")
    private List<String> smallTapTargets() {
        return (List<String>) driver.executeScript("""
                return [...document.querySelectorAll('button, select, textarea, .button, .newsroom-bar a, .pager a, .tag-cloud a,'
                    + ' input:not([type=hidden]):not([type=checkbox]):not([type=radio])')]
                  .filter(e => e.getClientRects().length > 0 && !e.closest('.skip-link'))
                  .filter(e => { const r = e.getBoundingClientRect(); return r.height < arguments[0] || r.width < arguments[0]; })
                  .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.textContent || e.name || '').trim().slice(0, 20)
                    + '" ' + Math.round(e.getBoundingClientRect().width) + '×' + Math.round(e.getBoundingClientRect().height));
                """, TAP_TARGET_PX);
    }

    /**
     * The cumulative layout shift of the page as loaded: every layout-shift entry Chromium buffered that no
     * input caused, summed once the fonts are in and the scripts have had time to run; with the shifted nodes.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> layoutShift() {
        return (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const entries = [];
                const observer = new PerformanceObserver(list => entries.push(...list.getEntries()));
                observer.observe({type: 'layout-shift', buffered: true});
                document.fonts.ready.then(() => new Promise(r => setTimeout(r, 1500))).then(() => {
                  entries.push(...observer.takeRecords());
                  observer.disconnect();
                  // Every shift counts: the test gives these pages no input, yet Chromium marked the font swap's shift
                  // as following input (hadRecentInput), perhaps for the emulation calls; Lighthouse counted it.
                  const counted = entries;
                  const name = n => !n ? '?' : n.nodeType !== 1 ? n.nodeName : n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')
                    + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\\s+/).join('.') : '');
                  done({cls: counted.reduce((sum, e) => sum + e.value, 0),
                        timing: 'fcp ' + Math.round((performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime)
                          + ' fonts ' + performance.getEntriesByType('resource').filter(r => r.name.includes('/fonts/'))
                            .map(r => r.name.replace(/.*\\//, '') + '@' + Math.round(r.responseEnd)).join(' ')
                          + ' ' + [...document.fonts].map(f => f.family + ':' + f.status).join(' '),
                        sources: counted.map(e => e.value.toFixed(3) + ' ' + e.sources.map(s => name(s.node)).join(' ')).join('; ')});
                });
                """);
    }

    /** The screen as the phone shows it, and the whole page from top to bottom, under target/screenshots/. */
    private void screenshots(String name) throws IOException {
        chromium.screenshot(name);
        Object png = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                .get("data");
        Files.write(HeadlessChromium.SCREENSHOTS.resolve(name + "-full.png"), Base64.getDecoder().decode((String) png));
    }

    @Test
    void theShiftMeasureSeesAShiftWhenThereIsOne() {
        phone(360);
        open("/newsroom/settings");
        driver.executeScript("setTimeout(() => { const d = document.createElement('div'); d.style.height = '300px';"
                + " document.querySelector('main').prepend(d); }, 50);");
        Map<String, Object> shift = layoutShift();
        assertThat(((Number) shift.get("cls")).doubleValue()).as("%s", shift).isGreaterThan(CLS_BUDGET);
    }

    @Test
    void everyNewsroomPageFitsAPhoneScreenWithoutSidewaysScrolling() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[] {360, 390}) {
            phone(width);
            for (String path : pages()) {
                open(path);
                String overflow = overflow();
                if (!overflow.isEmpty()) {
                    problems.add(path + " @" + width + "px: " + overflow);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theLoginPageFitsAPhoneScreenToo() {
        phone(360);
        open("/newsroom/login");
        assertThat(driver.findElements(By.id("username"))).isNotEmpty();
        assertThat(overflow()).as("login page at 360px").isEmpty();
        assertThat(smallTapTargets()).as("login page at 360px").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNewsroomPagesHaveNoWcag2AOrAAViolationsOnThePhone() throws IOException {
        String axe;
        try (InputStream in = NewsroomOnAPhoneBrowserTests.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        phone(360);
        List<String> violations = new ArrayList<>();
        for (String path : pages()) {
            open(path);
            driver.executeScript(axe);
            List<String> found = (List<String>) driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                      .then(r => done(r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))))
                      .catch(e => done(['axe failed: ' + e]));
                    """);
            found.forEach(v -> violations.add(path + " @360px: " + v));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theNewsroomPagesAreValidHtml() throws Exception {
        Session admin = new Session(port);
        admin.login("phone-admin", PASSWORD);
        List<String> errors = new ArrayList<>();
        for (String path : pages()) {
            errors.addAll(NuHtmlChecker.errors(path, admin.get(path).body()));
        }
        errors.addAll(NuHtmlChecker.errors("/newsroom/login", new Session(port).get("/newsroom/login").body()));
        assertThat(errors).isEmpty();
    }

    @Test
    void controlsAreBigEnoughToTapOnThePhone() {
        phone(360);
        List<String> problems = new ArrayList<>();
        for (String path : pages()) {
            open(path);
            smallTapTargets().forEach(t -> problems.add(path + ": " + t));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDashboardAndTheEditorDoNotShiftWhileTheyLoad() throws IOException {
        phone(360);
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/newsroom", "/newsroom/articles/" + seedId, "/newsroom/articles/new", "/newsroom/media")) {
            open(path);
            Map<String, Object> shift = layoutShift();
            double cls = ((Number) shift.get("cls")).doubleValue();
            System.out.printf("CLS at 360px %s: %.3f %s (%s)%n", path, cls, shift.get("sources"), shift.get("timing"));
            if (cls >= CLS_BUDGET) {
                problems.add(path + ": CLS " + String.format("%.3f", cls) + " from " + shift.get("sources"));
            }
            if (path.equals("/newsroom")) {
                screenshots("newsroom-phone-360-dashboard");
            } else if (path.equals("/newsroom/articles/" + seedId)) {
                screenshots("newsroom-phone-360-editor");
            }
        }
        assertThat(problems).isEmpty();
    }
}
