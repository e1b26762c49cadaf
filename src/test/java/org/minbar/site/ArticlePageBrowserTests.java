package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minbar.support.HeadlessChromium;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader pages in a real browser (headless Chromium): the seed article shows every block,
 * right to left, in the self-hosted Naskh face; nothing scrolls sideways on a phone; the newsletter
 * form answers. Screenshots land in target/screenshots/ for a person to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticlePageBrowserTests {

    private static final String SEED_TITLE = SeedFile.TITLE;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int PHONE_WIDTH = 375;
    private static final int PHONE_HEIGHT = 812;
    private static final int DESKTOP_WIDTH = 1366;
    private static final int DESKTOP_HEIGHT = 900;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry r) {
        TestDatabases.useH2(r);
    }

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;
    private ChromeDriver driver;
    private String seedPath;

    @BeforeAll
    void startBrowser() throws Exception {
        chromium = HeadlessChromium.start(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        driver = chromium.driver();
        seedPath = seedArticlePath();
    }

    @AfterAll
    void quitBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void desktopSize() {
        chromium.resize(DESKTOP_WIDTH, DESKTOP_HEIGHT);
    }

    @Test
    void seedArticleShowsEveryBlockRightToLeft() {
        open(seedPath);
        WebElement html = driver.findElement(By.tagName("html"));
        assertThat(html.getDomAttribute("lang")).isEqualTo("ar");
        assertThat(html.getDomAttribute("dir")).isEqualTo("rtl");
        assertThat(js("return getComputedStyle(document.body).direction")).isEqualTo("rtl");

        WebElement title = shown(By.cssSelector("h1#article-title"));
        assertThat(title.getText()).isEqualTo(SEED_TITLE);
        assertThat(shown(By.cssSelector(".source-label")).getText()).isEqualTo("ليفانت-خاص");
        assertThat(shown(By.cssSelector(".byline")).getText()).contains("إعداد وتحرير").contains("أحمد قطمة");
        assertThat(shown(By.cssSelector(".dateline time")).getText()).isNotBlank();

        WebElement body = shown(By.cssSelector(".article-body"));
        List<WebElement> subheadings = body.findElements(By.tagName("h2"));
        assertThat(subheadings).hasSize(5).allSatisfy(h -> assertThat(h.isDisplayed()).isTrue());
        List<WebElement> promos = body.findElements(By.cssSelector("aside.read-also"));
        assertThat(promos).hasSize(5).allSatisfy(promo -> {
            assertThat(promo.isDisplayed()).isTrue();
            WebElement link = promo.findElement(By.tagName("a"));
            assertThat(link.isDisplayed()).isTrue();
            assertThat(link.getDomAttribute("href")).isNotBlank();
            assertThat(link.getText()).isNotBlank();
        });

        WebElement tags = shown(By.cssSelector("section.tags"));
        assertThat(tags.findElement(By.tagName("h2")).getText()).isEqualTo("العلامات");
        assertThat(tags.findElements(By.cssSelector("a[rel=tag]"))).isNotEmpty().allSatisfy(a -> assertThat(a.isDisplayed()).isTrue());

        WebElement related = shown(By.cssSelector("section.related"));
        assertThat(related.findElement(By.tagName("h2")).getText()).isEqualTo("قد تحب أيضا");
        assertThat(related.findElements(By.cssSelector(".teaser-title a"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.isDisplayed()).isTrue());

        WebElement blocks = shown(By.cssSelector(".section-blocks"));
        List<String> blockTitles = blocks.findElements(By.cssSelector(".section-block > h2.block-title")).stream()
                .peek(h -> assertThat(h.isDisplayed()).isTrue()).map(WebElement::getText).toList();
        assertThat(blockTitles).containsExactly("كاريكاتير", "تقارير وتحقيقات", "الصحة", "المجتمع");

        WebElement popular = shown(By.cssSelector("section.popular"));
        assertThat(popular.findElement(By.tagName("h2")).getText()).isEqualTo("منشورات شائعة");
        assertThat(popular.findElements(By.cssSelector("li a"))).isNotEmpty().allSatisfy(a -> assertThat(a.isDisplayed()).isTrue());

        WebElement newsletter = shown(By.cssSelector("section.newsletter"));
        assertThat(newsletter.findElement(By.tagName("h2")).getText()).isEqualTo("النشرة الإخبارية");
        WebElement email = newsletter.findElement(By.cssSelector("input[name=email]"));
        assertThat(email.isDisplayed()).isTrue();
        assertThat(email.getDomAttribute("type")).isEqualTo("email");
        assertThat(newsletter.findElement(By.cssSelector("button[type=submit]")).isDisplayed()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void articleIsSetInTheSelfHostedNaskhFace() {
        open(seedPath);
        Object loaded = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.fonts.ready.then(() => done(document.fonts.check('16px "Noto Naskh Arabic"', 'عربي')));
                """);
        assertThat(loaded).as("the Noto Naskh Arabic face has loaded").isEqualTo(Boolean.TRUE);
        assertThat((String) js("return getComputedStyle(document.querySelector('.article-body')).fontFamily"))
                .startsWith("\"Noto Naskh Arabic\"");
        Object usedFaces = js("""
                return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replaceAll('"', ''));
                """);
        assertThat((List<Object>) usedFaces).contains("Noto Naskh Arabic");
    }

    /**
     * What a first visit to the seed article downloads before images (the page, its stylesheet,
     * script and fonts, as the browser counts transferSize, headers included, with its cache off):
     * under 100 KB, every font a subset, nothing from another origin.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theArticlePageTransfersUnder100KilobytesBeforeImages() {
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", java.util.Map.of("cacheDisabled", true));
        try {
            open(seedPath);
            List<Object> entries = (List<Object>) js("""
                    return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                        .map(e => [e.name, e.initiatorType, e.transferSize]);
                    """);
            long total = 0;
            long fonts = 0;
            java.util.List<String> counted = new java.util.ArrayList<>();
            for (Object entry : entries) {
                List<Object> e = (List<Object>) entry;
                String url = (String) e.get(0);
                long bytes = ((Number) e.get(2)).longValue();
                assertThat(url).as("no third-party request").startsWith(base("/").toString());
                if ("img".equals(e.get(1)) || url.contains("/media/") || url.matches(".*\\.(jpe?g|png|webp|svg|gif)$")) {
                    continue;
                }
                if (url.endsWith(".woff2")) {
                    assertThat(bytes).as("a subset font: " + url).isLessThan(20_000);
                    fonts++;
                }
                total += bytes;
                counted.add(url.substring(url.lastIndexOf('/') + 1, Math.min(url.length(), url.lastIndexOf('/') + 40)) + " " + bytes);
            }
            System.out.println("Article page, first visit, before images: " + total + " bytes " + counted);
            assertThat(fonts).as("the page's Arabic faces were downloaded: " + counted).isGreaterThanOrEqualTo(2);
            assertThat(total).as("bytes before images: " + counted).isLessThan(100_000);
        } finally {
            driver.executeCdpCommand("Network.setCacheDisabled", java.util.Map.of("cacheDisabled", false));
        }
    }

    @Test
    void nothingScrollsSidewaysOnAPhone() {
        chromium.resize(PHONE_WIDTH, PHONE_HEIGHT);
        for (String path : List.of(seedPath, "/", "/section/sport")) {
            open(path);
            long innerWidth = ((Number) js("return window.innerWidth")).longValue();
            assertThat(innerWidth).as("viewport width on %s", path).isBetween(PHONE_WIDTH - 20L, PHONE_WIDTH + 20L);
            long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
            assertThat(scrollWidth).as("page width of %s at %d px (widest: %s)", path, innerWidth, chromium.widestElements())
                    .isLessThanOrEqualTo(innerWidth);
        }
    }

    @Test
    void screenshotsOfTheArticleAndHomePage() throws IOException {
        open(seedPath);
        fullPageScreenshot(DESKTOP_WIDTH, DESKTOP_HEIGHT, SCREENSHOTS.resolve("article-desktop.png"));
        chromium.resize(PHONE_WIDTH, PHONE_HEIGHT);
        open(seedPath);
        screenshot(SCREENSHOTS.resolve("article-phone.png"));
        fullPageScreenshot(PHONE_WIDTH, PHONE_HEIGHT, SCREENSHOTS.resolve("article-phone-full.png"));
        open("/");
        fullPageScreenshot(PHONE_WIDTH, PHONE_HEIGHT, SCREENSHOTS.resolve("home-phone-full.png"));
        chromium.resize(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        open("/");
        fullPageScreenshot(DESKTOP_WIDTH, DESKTOP_HEIGHT, SCREENSHOTS.resolve("home-desktop.png"));
        assertThat(SCREENSHOTS.resolve("article-desktop.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("article-phone.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("home-desktop.png")).isNotEmptyFile();
    }

    @Test
    void newsletterSignUpThanksTheReader() {
        open(seedPath);
        WebElement email = driver.findElement(By.id("newsletter-email"));
        email.sendKeys("reader@example.com");
        email.submit();
        WebElement heading = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message-page h1")));
        assertThat(heading.getText()).isEqualTo("شكراً لاشتراكك!");
        assertThat(driver.findElement(By.cssSelector(".message-page p > a[href^='/news/']")).isDisplayed())
                .as("a link back to the article").isTrue();
    }

    @Test
    void newsletterRefusesAnInvalidAddressWhenTheBrowserDoesNotCheck() {
        open(seedPath);
        WebElement email = driver.findElement(By.id("newsletter-email"));
        driver.executeScript("arguments[0].type = 'text'; arguments[0].form.noValidate = true;", email);
        email.sendKeys("not-an-address");
        driver.findElement(By.cssSelector(".newsletter-form button[type=submit]")).click();
        WebElement heading = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message-page h1")));
        assertThat(heading.getText()).isEqualTo("العنوان غير صالح");
        assertThat(driver.findElement(By.cssSelector(".status-code")).getText()).isEqualTo("400");
    }

    // ---------------------------------------------------------------------------------------------

    /** The newest article (the seed) from the read API, as a path on this server. */
    @Test
    void searchBoxSuggestsHeadlinesWhileTyping() {
        waitForTheSearchIndex();
        open("/");
        WebElement box = shown(By.id("site-search"));
        box.sendKeys("بايدن وبو");
        WebElement suggestion = new WebDriverWait(driver, Duration.ofSeconds(10)).until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".suggestions a")));
        assertThat(suggestion.getText()).isEqualTo(SEED_TITLE);
        suggestion.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/news/"));
        assertThat(shown(By.cssSelector("h1")).getText()).isEqualTo(SEED_TITLE);
    }

    @Test
    void searchFormFindsTheSeedWrittenWithTatweelAndHighlightsIt() throws IOException {
        waitForTheSearchIndex();
        open("/");
        WebElement box = shown(By.id("site-search"));
        box.sendKeys("روســيا بوتين");
        box.submit();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/search?"));
        List<WebElement> titles = driver.findElements(By.cssSelector(".search-results .teaser-title a"));
        assertThat(titles).extracting(WebElement::getText).contains(SEED_TITLE);
        assertThat(driver.findElements(By.cssSelector(".search-results mark"))).isNotEmpty();
        Files.createDirectories(SCREENSHOTS);
        screenshot(SCREENSHOTS.resolve("search-desktop.png"));
        chromium.resize(PHONE_WIDTH, PHONE_HEIGHT);
        Object overflow = js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        screenshot(SCREENSHOTS.resolve("search-phone.png"));
    }

    /** The index is built in the background after the first start. */
    private void waitForTheSearchIndex() {
        org.minbar.support.Http http = new org.minbar.support.Http(port);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                http.json("/api/v1/search?from=1900-01-01").get("total").asLong()
                        == http.json("/api/v1/articles?size=1").get("total").asLong());
    }

    private String seedArticlePath() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base("/api/v1/articles?size=1"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode first = JsonMapper.builder().build().readTree(response.body()).path("articles").path(0);
        assertThat(first.path("title").asString()).isEqualTo(SEED_TITLE);
        return URI.create(first.path("url").asString()).getRawPath();
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

    private WebElement shown(By by) {
        WebElement element = driver.findElement(by);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        assertThat(element.isDisplayed()).as("%s is displayed", by).isTrue();
        return element;
    }

    private Object js(String script) {
        return driver.executeScript(script);
    }

    private void screenshot(Path target) throws IOException {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Grows the window to the page height (capped) so one screenshot shows the whole page. */
    private void fullPageScreenshot(int width, int height, Path target) throws IOException {
        long pageHeight = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        chromium.resize(width, (int) Math.min(Math.max(pageHeight, height), 16000));
        js("window.scrollTo(0, 0)");
        ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        screenshot(target);
        chromium.resize(width, height);
    }
}
