package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minbar.article.PublishedArticles;
import org.minbar.support.HeadlessChromium;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The front page and the article page as a reader sees them (issue 17), in headless Chromium at a
 * phone's, a tablet's and a desktop's width, on the first start's demo: the lead story's picture
 * large and loaded, top stories with thumbnails, the caricature block with its cartoons, share links
 * with the canonical address, nothing wider than the screen. Full-page screenshots and the measured
 * page heights land in target/screenshots/ (front-*.png, front-heights.txt).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FrontPageBrowserTests {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path HEIGHTS = SCREENSHOTS.resolve("front-heights.txt");
    /** The home page's height before issue 17, on the same demo: 3,841 px on a desktop, 9,189 px on a phone. */
    private static final Map<Integer, Integer> HEIGHT_BEFORE = Map.of(360, 9189, 768, 9189, 1366, 3841);

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry r) {
        TestDatabases.useH2(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    PublishedArticles articles;

    @Autowired
    org.minbar.article.ArticleImport imports;

    private HeadlessChromium chromium;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start(1366, 900);
        driver = chromium.driver();
        Files.createDirectories(SCREENSHOTS);
        Files.deleteIfExists(HEIGHTS);
    }

    @AfterAll
    void quitBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {360, 768, 1366})
    @org.junit.jupiter.api.Order(1)
    void theHomePageLeadsWithPicturesAndFitsTheScreen(int width) throws IOException {
        chromium.resize(width, 900);
        open("/");
        WebElement lead = driver.findElement(By.cssSelector(".lead-story .lead-picture img"));
        assertThat(lead.getDomAttribute("loading")).as("the lead image (the LCP element) is not lazy").isEqualTo("eager");
        assertThat(lead.getDomAttribute("fetchpriority")).isEqualTo("high");
        assertLoaded(lead, "the lead image");
        assertThat(lead.getRect().getWidth()).as("the lead image is large").isGreaterThan(Math.min(width - 40, 600));
        assertThat(driver.findElement(By.cssSelector(".lead-story .lead-title")).getText())
                .isEqualTo(SeedFile.TITLE);

        List<WebElement> top = driver.findElements(By.cssSelector(".top-stories .teaser"));
        assertThat(top).hasSize(SiteController.TOP_STORIES).allSatisfy(teaser -> assertThat(
                teaser.findElements(By.cssSelector(".teaser-image img, .teaser-image .picture-fallback")))
                .as("every top story has a thumbnail or its section's block").hasSize(1));
        List<WebElement> thumbnails = driver.findElements(By.cssSelector(".top-stories .teaser-image img"));
        assertThat(thumbnails).as("the demo's top stories include photos").isNotEmpty();
        for (WebElement thumbnail : thumbnails) {
            assertThat(thumbnail.getDomAttribute("srcset")).contains(" 320w");
            assertThat(thumbnail.getDomAttribute("width")).isNotBlank();
            assertThat(thumbnail.getDomAttribute("height")).isNotBlank();
            assertThat(thumbnail.getDomAttribute("loading")).isEqualTo("lazy");
            assertLoaded(thumbnail, "a top story's thumbnail");
        }
        for (WebElement fallback : driver.findElements(By.cssSelector(".top-stories .picture-fallback"))) {
            assertThat(fallback.getText()).as("a missing photo shows the section's name").isNotBlank();
            assertThat(fallback.getCssValue("background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");
        }

        WebElement caricature = driver.findElement(By.cssSelector("main .section-block.image-led"));
        assertThat(caricature.findElement(By.cssSelector(".block-title")).getText()).isEqualTo("كاريكاتير");
        List<WebElement> cartoons = caricature.findElements(By.cssSelector(".teaser-image img"));
        assertThat(cartoons).isNotEmpty();
        assertLoaded(cartoons.get(0), "a cartoon");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("لا منشورات في هذا القسم");

        assertNoSidewaysScroll("/", width);
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        Files.writeString(HEIGHTS, "home " + width + " px: " + height + " px high (before: " + HEIGHT_BEFORE.get(width) + ")\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        fullPageScreenshot(width, SCREENSHOTS.resolve("front-home-" + width + ".png"));
        assertThat(height).as("the home page's height at %d px", width).isLessThan(HEIGHT_BEFORE.get(width) * 4L / 5);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {360, 768, 1366})
    void theArticlePageHasShareLinksWithItsCanonicalAddress(int width) throws IOException {
        chromium.resize(width, 900);
        long seedId = articles.publishedIdWithTitle(SeedFile.TITLE).orElseThrow();
        open("/news/" + seedId);
        String canonical = driver.findElement(By.cssSelector("link[rel=canonical]")).getDomAttribute("href");
        assertThat(canonical).startsWith("http://localhost:" + port + "/news/" + seedId + "/");

        assertLoaded(driver.findElement(By.cssSelector(".lead-image img")), "the article's lead image");

        WebElement share = driver.findElement(By.cssSelector("nav.share[aria-label]"));
        List<WebElement> links = share.findElements(By.cssSelector("a.share-link"));
        assertThat(links).extracting(WebElement::getText).containsExactly("واتساب", "تيليغرام", "إكس", "فيسبوك");
        assertThat(links).extracting(link -> URI.create(link.getDomAttribute("href")).getHost())
                .containsExactly("wa.me", "t.me", "x.com", "www.facebook.com");
        for (WebElement link : links) {
            String href = link.getDomAttribute("href");
            assertThat(href).doesNotContain(canonical).as("the address is URL-encoded in %s", href)
                    .contains(java.net.URLEncoder.encode(canonical, StandardCharsets.UTF_8));
            assertThat(URLDecoder.decode(URI.create(href).getRawQuery(), StandardCharsets.UTF_8)).contains(canonical);
        }
        assertThat(share.getCssValue("direction")).isEqualTo("rtl");
        assertThat(driver.findElements(By.cssSelector("script[src]"))).extracting(s -> URI.create(s.getDomAttribute("src")).getHost())
                .as("first-party scripts only").containsOnlyNulls();

        // With the script, the copy link is a button: reached by keyboard, it copies and says so.
        WebElement copy = share.findElement(By.cssSelector("button.share-copy"));
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", "http://localhost:" + port,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        driver.executeScript("arguments[0].focus()", copy);
        assertThat(driver.switchTo().activeElement()).isEqualTo(copy);
        copy.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> "تم نسخ الرابط".equals(
                share.findElement(By.cssSelector(".share-status[aria-live]")).getText()));
        Object copied = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('error: ' + e));");
        assertThat(copied).isEqualTo(canonical);

        assertNoSidewaysScroll("/news/" + seedId, width);
        fullPageScreenshot(width, SCREENSHOTS.resolve("front-article-" + width + ".png"));
    }

    @org.junit.jupiter.api.Test
    void withoutScriptsTheCopyLinkIsAPlainLinkToTheArticle() {
        org.minbar.support.Http http = new org.minbar.support.Http(port);
        long seedId = articles.publishedIdWithTitle(SeedFile.TITLE).orElseThrow();
        String path = http.get("/news/" + seedId).headers().firstValue("Location").orElseThrow();
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(http.get(path).body());
        String canonical = page.selectFirst("link[rel=canonical]").attr("href");
        assertThat(page.selectFirst("nav.share a.share-copy").attr("href")).isEqualTo(canonical);
        assertThat(page.select("nav.share .share-status[role=status][aria-live=polite]")).hasSize(1);
    }

    /** Last: its story of three hours ago becomes the lead. */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aStoryOfThreeHoursAgoSaysSoAndKeepsItsTimeOfDay() {
        String title = "خبر نُشر قبل ثلاث ساعات";
        OffsetDateTime published = OffsetDateTime.now().minusHours(3).minusMinutes(5);
        imports.create(new org.minbar.article.ArticleDraft(title, "<p>نص الخبر.</p>", null,
                org.minbar.article.ArticleStatus.PUBLISHED, null, null, List.of(), List.of(), null, null, published));
        chromium.resize(1366, 900);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            open("/");
            return title.equals(d.findElement(By.cssSelector(".lead-title")).getText());
        });
        WebElement time = driver.findElement(By.cssSelector(".lead-story time[data-relative]"));
        assertThat(time.getText()).isEqualTo("منذ 3 ساعات");
        assertThat(time.getDomAttribute("title")).as("the absolute date and time of day, as the server wrote it")
                .contains("، ").matches(".*\\d{2}:\\d{2}");
        String served = org.jsoup.Jsoup.parse(new org.minbar.support.Http(port).get("/").body())
                .selectFirst(".lead-story time").text();
        assertThat(served).as("the cached page itself holds no relative time").isEqualTo(time.getDomAttribute("title"));
        // Older than a day: left as the server wrote it.
        WebElement older = driver.findElement(By.cssSelector(".top-stories time[data-relative]"));
        assertThat(older.getText()).doesNotContain("منذ");
    }

    // ---------------------------------------------------------------------------------------------

    private void assertLoaded(WebElement image, String what) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", image);
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image)));
        long natural = ((Number) js("return arguments[0].naturalWidth", image)).longValue();
        assertThat(natural).as("%s loaded (%s)", what, image.getDomAttribute("src")).isPositive();
        js("window.scrollTo(0, 0)");
    }

    private void assertNoSidewaysScroll(String path, int width) {
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        assertThat(innerWidth).as("viewport width").isBetween(width - 20L, width + 20L);
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        assertThat(scrollWidth).as("page width of %s at %d px (widest: %s)", path, innerWidth, chromium.widestElements())
                .isLessThanOrEqualTo(innerWidth);
    }

    private URI base(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void open(String path) {
        driver.get(base(path).toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        driver.executeAsyncScript("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));");
    }

    private Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }


    /** Grows the window to the page's height (capped) so one screenshot shows the whole page; every lazy image loaded first. */
    private void fullPageScreenshot(int width, Path target) throws IOException {
        js("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')");
        long pageHeight = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        chromium.resize(width, (int) Math.min(Math.max(pageHeight, 900), 16000));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return [...document.images].every(i => i.complete)")));
        js("window.scrollTo(0, 0)");
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        chromium.resize(width, 900);
    }
}
