package org.minbar.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.ArticleWorkflow;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The distribution module with the modules it uses (article, taxonomy, system, recommend; and search,
 * which recommend uses), on H2, its feeds served through MockMvc: a feed is rendered once and kept for a
 * second, and the article module's events drop the kept copy when their transaction commits, so a
 * publish or unpublish shows in the very next request, not a second later.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "search")
class FeedsFollowArticleEventsModuleTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    ArticleImport imports;

    @Autowired
    ArticleWorkflow workflow;

    MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private String feed() {
        try {
            var response = mvc.perform(get("/feed")).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            return response.getContentAsString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long draft(String title) {
        return imports.create(new ArticleDraft(title, "<p>" + title + " في نص الخبر.</p>", null, ArticleStatus.DRAFT, null, null,
                List.of(), List.of(), null, null, OffsetDateTime.now()));
    }

    @Test
    void aPublishedArticleIsInTheFeedAtOnce(Scenario scenario) {
        String title = "وفد من زنجبيلستان يصل العاصمة";
        long id = draft(title);
        assertThat(feed()).doesNotContain(title); // rendered now, and kept for a second

        scenario.stimulate(() -> workflow.publish(id))
                .andWaitForEventOfType(ArticlePublished.class).matching(event -> event.articleId() == id)
                .toArriveAndVerify(event -> assertThat(feed()).contains(title));
    }

    @Test
    void anUnpublishedArticleLeavesTheFeedAtOnce(Scenario scenario) {
        String title = "خبر عن قرطاجنستان سيسحب";
        long id = draft(title);
        workflow.publish(id);
        assertThat(feed()).contains(title);

        scenario.stimulate(() -> workflow.unpublish(id))
                .andWaitForEventOfType(ArticleUnpublished.class).matching(event -> event.articleId() == id)
                .toArriveAndVerify(event -> assertThat(feed()).doesNotContain(title));
    }
}
