package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleEditing;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.support.SeedFile;
import org.minbar.system.CommandFailedException;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Importing the seed's format: all of it in one transaction, or nothing. On H2 and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "minbar.demo.load-on-first-start=false")
abstract class TextImportContract {

    @Autowired
    TextImporter importer;

    @Autowired
    ArticleEditing editing;

    @Autowired
    TaxonomyService taxonomy;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyDatabase() {
        for (String table : List.of("article_view", "article_contributor", "article_tag", "article_slug_history", "article",
                "contributor", "tag", "section")) {
            jdbc.sql("delete from " + table).update();
        }
    }

    private long rows() {
        return jdbc.sql("""
                select (select count(*) from article) + (select count(*) from section) + (select count(*) from tag)
                     + (select count(*) from contributor) + (select count(*) from article_tag)
                     + (select count(*) from article_contributor)""").query(Long.class).single();
    }

    @Test
    void importsTheSeedWithEveryPartInItsPlace() {
        TextImporter.Imported imported = importer.importText(SeedFile.bytes(), "seed.txt", null,
                OffsetDateTime.parse("2021-12-07T19:30:00+02:00"), List.of("بوتين"));
        Article article = editing.find(imported.id()).orElseThrow();
        assertThat(article.title()).isEqualTo("بايدن وبوتين.. والتطبيع المعتمد على تطابق المصالح القصوى");
        assertThat(article.sourceLabel()).isEqualTo("ليفانت-خاص");
        assertThat(article.contributors()).containsExactly(
                new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED)));
        Document body = Jsoup.parseBodyFragment(article.bodyHtml());
        assertThat(body.select("p")).hasSize(14);
        assertThat(body.select("h2")).hasSize(5);
        assertThat(body.select("aside.read-also[data-title]")).hasSize(5);
        assertThat(body.text()).doesNotContain("العلامات", "منشورات شائعة", "ليفانت-خاص", "أحمد قطمة");
        assertThat(taxonomy.sectionByName("كاريكاتير")).isPresent();
        assertThat(taxonomy.sectionByName("الصحة")).isPresent();
        assertThat(taxonomy.sectionByName("المجتمع")).isPresent();
        assertThat(taxonomy.sectionByName("الصحة|المجتمع")).isEmpty();
        assertThat(imported.path()).isEqualTo(article.path());
    }

    @Test
    void linksReadAlsoPromosToArticlesThatExist() {
        String target = "الليرة التركية.. عندما يدفع الشعب ثمن عدوانية السلطة";
        long targetId = importer.importText(("-\n" + target + "\nفقرة عن الليرة التركية.\n").getBytes(StandardCharsets.UTF_8),
                "lira.txt", null, null, List.of()).id();
        long id = importer.importText(SeedFile.bytes(), "seed.txt", null, null, List.of()).id();
        Document body = Jsoup.parseBodyFragment(editing.find(id).orElseThrow().bodyHtml());
        assertThat(body.select("aside.read-also[data-article-id=" + targetId + "]")).hasSize(1);
        assertThat(body.select("aside.read-also[data-title]")).hasSize(4);
    }

    @Test
    void writesNothingWhenTheInputIsMalformed() {
        long before = rows();
        byte[] chromeFirst = "-\nقد تحب أيضا\nكاريكاتير\nمنشورات شائعة\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importer.importText(chromeFirst, "bad.txt", null, null, List.of()))
                .isInstanceOf(MalformedImportException.class).hasMessageStartingWith("bad.txt:2: no title");
        byte[] invalid = {'-', '\n', (byte) 0xFF, (byte) 0xFE, '\n'};
        assertThatThrownBy(() -> importer.importText(invalid, "bad.txt", null, null, List.of()))
                .hasMessageStartingWith("bad.txt:2: invalid UTF-8");
        assertThatThrownBy(() -> importer.importText(new byte[0], "empty.txt", null, null, List.of()))
                .hasMessageStartingWith("empty.txt:1: the file is empty");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void rollsBackEverythingWhenALaterStepFails() {
        long before = rows();
        // The over-long tag is noticed after the sections of the seed's chrome were written.
        assertThatThrownBy(() -> importer.importText(SeedFile.bytes(), "seed.txt", "no-such-section", null,
                List.of("وسم لن يبقى")))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("unknown section 'no-such-section'");
        byte[] tooLongTag = SeedFile.bytes();
        assertThatThrownBy(() -> importer.importText(tooLongTag, "seed.txt", null, null, List.of("و".repeat(201))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rows()).isEqualTo(before);
        assertThat(taxonomy.sectionByName("كاريكاتير")).isEmpty();
    }
}
