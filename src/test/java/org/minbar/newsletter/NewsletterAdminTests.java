package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleStatus;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import picocli.CommandLine;

/** The newsroom's newsletter page, the breaking-news button and the command; no SMTP server (mails go to the log). */
@SpringBootTest(properties = "minbar.demo.load-on-first-start=false")
class NewsletterAdminTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    NewsletterService newsletter;

    @Autowired
    Subscribers subscribers;

    @Autowired
    ArticleImport imports;

    @Autowired
    NewsletterCommand command;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private long confirmed(String email) {
        long id = subscribers.insertPending(email, Instant.now());
        subscribers.confirm(id, Instant.now());
        return id;
    }

    private long article(String title) {
        return imports.create(new ArticleDraft(title, "<p>نص.</p>", null, ArticleStatus.PUBLISHED, null, null, List.of(),
                List.of(), null, null, null));
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void adminsSeeCountsByStatusAndSendTheDigestNow() throws Exception {
        confirmed("admin-view@example.org");
        newsletter.signUp("pending-view@example.org");
        article("خبر لنشرة المشرف");

        String redirect = mvc.perform(post("/newsroom/newsletter/digest").with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).startsWith("/newsroom/newsletter?notice=");

        String html = mvc.perform(get(java.net.URI.create(redirect))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Document page = Jsoup.parse(html);
        assertThat(page.selectFirst("h1").text()).isEqualTo("النشرة الإخبارية");
        assertThat(page.selectFirst(".notice").text()).contains("وُضعت النشرة");
        assertThat(Long.parseLong(page.selectFirst("tr[data-status=CONFIRMED] td:nth-child(2)").text())).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(page.selectFirst("tr[data-status=PENDING] td:nth-child(2)").text())).isGreaterThanOrEqualTo(1);
        assertThat(page.select("tr[data-edition]")).isNotEmpty();
        assertThat(page.select("tr[data-edition] .delivered, tr[data-edition] .pending")).isNotEmpty();
        assertThat(page.select("a[href=/newsroom/newsletter/subscribers.csv]")).hasSize(1);
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void adminsExportSubscribersAsCsvAndEraseOne() throws Exception {
        confirmed("export-me@example.org");
        confirmed("=cmd@example.org");
        var response = mvc.perform(get("/newsroom/newsletter/subscribers.csv")).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        String csv = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("email,status,created_at,confirmed_at").contains("export-me@example.org,CONFIRMED,")
                .contains("'=cmd@example.org").doesNotContain("\n=cmd");

        mvc.perform(post("/newsroom/newsletter/delete").param("email", "export-me@example.org")).andExpect(status().isForbidden());
        mvc.perform(post("/newsroom/newsletter/delete").param("email", "Export-Me@example.org").with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(newsletter.status("export-me@example.org")).isEmpty();
    }

    @Test
    @WithMockUser(roles = "WRITER")
    void otherRolesMayNotSeeOrUseTheNewsletterPage() throws Exception {
        mvc.perform(get("/newsroom/newsletter")).andExpect(status().isForbidden());
        mvc.perform(get("/newsroom/newsletter/subscribers.csv")).andExpect(status().isForbidden());
        mvc.perform(post("/newsroom/newsletter/digest").with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/newsroom/newsletter/breaking/1").with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void anonymousReadersAreKeptOut() throws Exception {
        int status = mvc.perform(get("/newsroom/newsletter")).andReturn().getResponse().getStatus();
        assertThat(status).isIn(302, 401, 403);
    }

    @Test
    @WithMockUser(roles = "EDITOR")
    void editorsSendABreakingNewsMailOncePerArticle() throws Exception {
        confirmed("breaking-reader@example.org");
        long id = article("خبر عاجل من المحرر");
        mvc.perform(post("/newsroom/newsletter/breaking/" + id).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(newsletter.recentEditions(5)).anyMatch(e -> e.kind().equals("BREAKING") && e.subject().contains("خبر عاجل من المحرر"));
        assertThatThrownBy(() -> newsletter.sendBreaking(id)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> newsletter.sendBreaking(999_999)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandSendsTheDigestAndShowsTheStatus() throws Exception {
        confirmed("command-reader@example.org");
        article("خبر لأمر سطر الأوامر");
        StringWriter out = new StringWriter();
        CommandLine send = new CommandLine(command).setOut(new PrintWriter(out, true));
        assertThat(send.execute("send-digest")).isZero();
        assertThat(out.toString()).containsPattern("Digest \\d+ queued: \\d+ articles for \\d+ subscribers");
        assertThat(send.execute("send-digest")).isZero();
        assertThat(out.toString()).contains("No digest: no article was published since the last one.");

        StringWriter status = new StringWriter();
        assertThat(new CommandLine(command).setOut(new PrintWriter(status, true)).execute("status")).isZero();
        assertThat(status.toString()).contains("Subscribers: [confirmed ").containsPattern("#\\d+ digest ");
        StringWriter err = new StringWriter();
        assertThat(new CommandLine(command).setErr(new PrintWriter(err, true)).execute("bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("bogus");
    }
}
