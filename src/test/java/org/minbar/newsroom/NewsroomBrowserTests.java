package org.minbar.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minbar.article.Article;
import org.minbar.article.ArticleEditing;
import org.minbar.support.HeadlessChromium;
import org.minbar.support.TestDatabases;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The editor in a real browser: log in through the form, type Arabic mixed with Latin words and
 * numbers into the rich body, paste Word HTML, let the autosave run, save, and preview.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "minbar.demo.load-on-first-start=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomBrowserTests {

    static final String PASSWORD = "browser-editor-password";
    static final String MIXED = "قال Joe Biden في 2021 إن نسبة التضخم 7.5% في الولايات المتحدة";
    static final String WORD_HTML = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body>"
            + "<p class=\"MsoNormal\" style=\"mso-bidi-font-family:Arial\"><span lang=\"AR-SA\" style=\"font-size:14pt\">فقرة من وورد"
            + "<o:p></o:p></span></p><p onclick=\"alert(1)\">ثانية <b style=\"color:red\">مهمة</b></p>"
            + "<script>alert(2)</script></body></html>";

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    ArticleEditing editing;

    HeadlessChromium chromium;
    ChromeDriver driver;

    @BeforeAll
    void start() throws IOException {
        chromium = HeadlessChromium.start(1366, 1000);
        driver = chromium.driver();
        if (users.find("editor-b").isEmpty()) {
            users.add("editor-b", "محررة المتصفح", Role.EDITOR, PASSWORD);
        }
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    @Test
    void anEditorWritesMixedArabicAndLatinPastesWordHtmlAutosavesSavesAndPreviews() throws IOException {
        driver.get("http://localhost:" + port + "/newsroom");
        assertThat(driver.getCurrentUrl()).endsWith("/newsroom/login");
        driver.findElement(By.id("username")).sendKeys("editor-b");
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/newsroom"));

        driver.get("http://localhost:" + port + "/newsroom/articles/new");
        driver.findElement(By.id("title")).sendKeys("مقال من المتصفح");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUpTo(10).until(d -> d.getCurrentUrl().matches(".*/newsroom/articles/\\d+$"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceFirst(".*/", ""));

        WebElement body = waitUpTo(10).until(d -> d.findElement(By.cssSelector(".rich-body")));
        assertThat(driver.findElement(By.id("body")).isDisplayed()).as("the HTML textarea is replaced").isFalse();
        body.click();
        body.sendKeys(MIXED);
        // Logical order is kept: what was typed is what is stored, whatever the display direction.
        assertThat(body.getText()).isEqualTo(MIXED);
        assertThat(js("return getComputedStyle(arguments[0]).direction", body)).isEqualTo("rtl");

        // Autosave runs within a few seconds without saving the article itself.
        waitUpTo(15).until(d -> editing.autosave(id, "editor-b").isPresent());
        assertThat(editing.autosave(id, "editor-b").orElseThrow().content().bodyHtml()).contains(MIXED);
        assertThat(editing.find(id).orElseThrow().bodyHtml()).doesNotContain("Joe Biden");

        // Paste from Word: only the safe subset arrives in the editor.
        js("const e = arguments[0]; e.focus(); const range = document.createRange(); range.selectNodeContents(e);"
                + " range.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(range);"
                + " const data = new DataTransfer(); data.setData('text/html', arguments[1]); data.setData('text/plain', 'x');"
                + " e.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));",
                body, WORD_HTML);
        String pasted = (String) js("return arguments[0].innerHTML", body);
        assertThat(pasted).contains("فقرة من وورد", "<b>مهمة</b>").doesNotContain("Mso", "style=", "onclick", "<script", "o:p");
        chromium.screenshot("newsroom-editor");

        driver.findElement(By.cssSelector("#editor-form button[type=submit]:not([formaction])")).click();
        waitUpTo(10).until(d -> d.getPageSource().contains("حُفظ المقال."));
        Article saved = editing.find(id).orElseThrow();
        assertThat(saved.bodyHtml()).contains(MIXED, "فقرة من وورد", "مهمة").doesNotContain("onclick", "style=", "script");

        // The preview is the reader's article page, in a new tab.
        String editorTab = driver.getWindowHandle();
        driver.findElement(By.cssSelector("#editor-form button[formaction$='/preview']")).click();
        waitUpTo(10).until(d -> d.getWindowHandles().size() > 1);
        driver.getWindowHandles().stream().filter(h -> !h.equals(editorTab)).findFirst().ifPresent(h -> driver.switchTo().window(h));
        WebElement title = waitUpTo(10).until(d -> d.findElement(By.cssSelector("h1#article-title")));
        assertThat(title.getText()).isEqualTo("مقال من المتصفح");
        assertThat(driver.getPageSource()).contains("Joe Biden", "فقرة من وورد");
        chromium.screenshot("newsroom-preview");
        driver.close();
        driver.switchTo().window(editorTab);
    }

    /**
     * The body's read-also promos are {@code <aside>}s: in the editor they sat outside any article, so
     * each was a complementary landmark without a name, and axe's landmark-unique failed with two.
     */
    @Test
    void readAlsoPromosInTheEditorAreNotLandmarks() throws IOException {
        String body = "<p>فقرة أولى.</p>" + org.minbar.article.ReadAlso.unresolved("خبر أول للقراءة")
                + "<p>فقرة ثانية.</p>" + org.minbar.article.ReadAlso.unresolved("خبر ثان للقراءة") + "<p>فقرة أخيرة.</p>";
        long id = editing.createDraft(new org.minbar.article.ArticleEdit("مقال فيه اقرأ أيضاً مرتين", body, null, null, null,
                java.util.List.of(), java.util.List.of(), null, null, null, null, null, true), "editor-b");
        driver.get("http://localhost:" + port + "/newsroom/articles/" + id);
        if (driver.getCurrentUrl().endsWith("/newsroom/login")) {
            driver.findElement(By.id("username")).sendKeys("editor-b");
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            waitUpTo(10).until(d -> !d.getCurrentUrl().endsWith("/newsroom/login"));
            driver.get("http://localhost:" + port + "/newsroom/articles/" + id);
        }
        waitUpTo(10).until(d -> d.findElements(By.cssSelector(".rich-body aside.read-also")).size() == 2);
        String axe;
        try (java.io.InputStream in = NewsroomBrowserTests.class.getResourceAsStream("/axe.min.js")) {
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        js(axe);
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'rule', values: ['landmark-unique']}})
                  .then(r => done(r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        assertThat((java.util.List<?>) violations).isEmpty();
        // What is saved is the body itself: the frame around the editing area is not part of it.
        assertThat((String) js("return arguments[0].innerHTML", driver.findElement(By.cssSelector(".rich-body"))))
                .doesNotContain("rich-frame");
    }
}
