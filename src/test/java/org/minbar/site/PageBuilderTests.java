package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.site.pages.BylineEntry;

class PageBuilderTests {

    @Test
    void joinsRolesWithWawAsArabicBylinesDo() {
        assertThat(PageBuilder.byline(List.of(new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED)))))
                .containsExactly(new BylineEntry("إعداد وتحرير", "أحمد قطمة"));
    }

    @Test
    void groupsPeopleWithTheSameRoles() {
        assertThat(PageBuilder.byline(List.of(
                new Contributor("سارة", List.of(ContributorRole.WRITTEN)),
                new Contributor("خالد", List.of(ContributorRole.WRITTEN)),
                new Contributor("ليلى", List.of(ContributorRole.PHOTOGRAPHED)))))
                .containsExactly(new BylineEntry("كتابة", "سارة، خالد"), new BylineEntry("تصوير", "ليلى"));
    }

    @Test
    void countsArticlesWithArabicNumberAgreement() {
        assertThat(PageBuilder.articleCount(1)).isEqualTo("مقالة واحدة");
        assertThat(PageBuilder.articleCount(2)).isEqualTo("مقالتان");
        assertThat(PageBuilder.articleCount(3)).isEqualTo("3 مقالات");
        assertThat(PageBuilder.articleCount(10)).isEqualTo("10 مقالات");
        assertThat(PageBuilder.articleCount(11)).isEqualTo("11 مقالة");
        assertThat(PageBuilder.articleCount(103)).isEqualTo("103 مقالات");
        assertThat(PageBuilder.articleCount(0)).isEqualTo("0 مقالة");
        assertThat(PageBuilder.resultCount(1)).isEqualTo("نتيجة واحدة");
        assertThat(PageBuilder.resultCount(7)).isEqualTo("7 نتائج");
        assertThat(PageBuilder.resultCount(25)).isEqualTo("25 نتيجة");
    }
}
