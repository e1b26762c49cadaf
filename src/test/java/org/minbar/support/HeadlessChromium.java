package org.minbar.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through chromedriver; tests that need it are skipped with a
 * message where it is not installed (CI installs it). Closes the browser and its profile.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips the calling test class when Chromium is absent. */
    public static HeadlessChromium start(int width, int height) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: Chromium and chromedriver are not installed (apt-get install chromium chromium-driver); CI installs them.");
        Path profile = Files.createTempDirectory("minbar-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=ar", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
        return new HeadlessChromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a PNG of the window to target/screenshots/{name}.png for a person to look at. */
    public void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Sets the viewport (not the window) to width x height: with --headless=new the window has no
     * browser chrome, but measure and correct anyway.
     */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        // The window manager applies the size asynchronously: wait until the page sees it settle,
        // or the correction below would be computed from the old size (even a negative width).
        long innerWidth = -1;
        long innerHeight = -1;
        for (int i = 0; i < 40; i++) {
            long w = ((Number) driver.executeScript("return window.innerWidth")).longValue();
            long h = ((Number) driver.executeScript("return window.innerHeight")).longValue();
            if (w == innerWidth && h == innerHeight && Math.abs(w - width) < width / 2) {
                break;
            }
            innerWidth = w;
            innerHeight = h;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int correctedWidth = width + (int) (width - innerWidth);
        int correctedHeight = height + (int) (height - innerHeight);
        if ((innerWidth != width || innerHeight != height) && correctedWidth > 0 && correctedHeight > 0) {
            driver.manage().window().setSize(new Dimension(correctedWidth, correctedHeight));
        }
    }

    /** The elements that stick out past the viewport, to make a failure easy to act on. */
    public Object widestElements() {
        return driver.executeScript("""
                const w = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                  .filter(e => { const r = e.getBoundingClientRect(); return r.right > w + 1 || r.left < -1; })
                  .slice(0, 8)
                  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')
                       + ' [' + Math.round(e.getBoundingClientRect().left) + ',' + Math.round(e.getBoundingClientRect().right) + ']');
                """);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
