package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.site.pages.BylineEntry;

class BylineTests {

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
}
