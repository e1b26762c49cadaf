package org.minbar.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.article.PublishedArticles;
import org.minbar.support.TestDatabases;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Counted views survive a restart: the counts in memory are written when the site stops. */
class ViewCountRestartTests {

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(MinbarApplication.class).web(WebApplicationType.NONE)
                .run("--minbar.data=" + data, "--minbar.demo.load-on-first-start=true");
    }

    @Test
    void aRestartKeepsTheViewsCountedBeforeIt() {
        Path data = TestDatabases.newDataDirectory();
        long id;
        try (ConfigurableApplicationContext first = start(data)) {
            id = first.getBean(PublishedArticles.class).published(null, null, 1, 0).get(0).id();
            RecommendService recommend = first.getBean(RecommendService.class);
            for (int i = 0; i < 25; i++) {
                recommend.recordView(id, "Mozilla/5.0 reader " + i, "10.2.0." + i);
            }
        }
        try (ConfigurableApplicationContext second = start(data)) {
            long stored = second.getBean(JdbcClient.class).sql("select sum(views) from article_view where article_id = ?")
                    .param(id).query(Long.class).single();
            assertThat(stored).isEqualTo(25);
        }
    }
}
