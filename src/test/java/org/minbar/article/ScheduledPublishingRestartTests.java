package org.minbar.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.support.TestDatabases;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A scheduled article is published at its time even when the application was stopped in between. */
class ScheduledPublishingRestartTests {

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(MinbarApplication.class).web(WebApplicationType.NONE)
                .run("--minbar.data=" + data, "--minbar.demo.load-on-first-start=false", "--minbar.jobs.polling-interval=500ms");
    }

    @Test
    void anArticleScheduledBeforeARestartIsPublishedAfterIt() throws Exception {
        Path data = TestDatabases.newDataDirectory();
        long id;
        OffsetDateTime at;
        try (ConfigurableApplicationContext first = start(data)) {
            ArticleEditing editing = first.getBean(ArticleEditing.class);
            ArticleWorkflow workflow = first.getBean(ArticleWorkflow.class);
            id = editing.createDraft(new ArticleEdit("يُنشر بعد إعادة التشغيل", "<p>نص</p>", null, null, null, List.of(),
                    List.of(), null, null, null, null, null, true), "editor1");
            at = OffsetDateTime.now().plusSeconds(6);
            workflow.schedule(id, at);
        }
        // The application is down when the time comes...
        while (OffsetDateTime.now().isBefore(at.plusSeconds(1))) {
            Thread.sleep(200);
        }
        // ...and publishes the article as soon as it is back.
        try (ConfigurableApplicationContext second = start(data)) {
            ArticleEditing editing = second.getBean(ArticleEditing.class);
            ArticleWorkflow workflow = second.getBean(ArticleWorkflow.class);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!editing.find(id).orElseThrow().published() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Article published = editing.find(id).orElseThrow();
            assertThat(published.status()).isEqualTo(ArticleStatus.PUBLISHED);
            assertThat(published.publishedAt()).isEqualToIgnoringNanos(at.withNano(0).withOffsetSameInstant(published.publishedAt().getOffset()))
                    .as("the planned time is the publishing time");
        }
    }
}
