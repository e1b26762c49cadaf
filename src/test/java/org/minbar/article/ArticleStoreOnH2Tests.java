package org.minbar.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ArticleStoreOnH2Tests extends ArticleStoreContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    /** Every API answer, feed and sitemap asks for the last change; it scanned the whole table. */
    @Test
    void theLastChangeIsReadFromTheEndOfAnIndex() {
        String plan = jdbc.sql("explain " + PublishedArticleQueries.LAST_CHANGE).query(String.class).single();
        assertThat(plan).contains("article_updated").contains("/* direct lookup */");
    }
}
