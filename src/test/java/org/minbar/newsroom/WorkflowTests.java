package org.minbar.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.minbar.article.Article;
import org.minbar.article.ArticleStatus;
import org.minbar.newsroom.Workflow.Step;

/** The role and transition matrix: who may take which step from which status, and edit what. */
class WorkflowTests {

    static Article article(ArticleStatus status, String owner) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Article(1, "s", "t", "e", "<p>b</p>", status, null, null, List.of(), List.of(), null, null, now, now,
                null, true, null, null, null, owner, 0);
    }

    @Test
    void aWriterSubmitsAndWithdrawsOnlyTheirOwnArticles() {
        assertThat(Workflow.steps(Role.WRITER, "w1", article(ArticleStatus.DRAFT, "w1"))).containsExactly(Step.SUBMIT);
        assertThat(Workflow.steps(Role.WRITER, "w1", article(ArticleStatus.SUBMITTED, "w1"))).containsExactly(Step.WITHDRAW);
        for (ArticleStatus status : ArticleStatus.values()) {
            assertThat(Workflow.steps(Role.WRITER, "w1", article(status, "w2"))).as("someone else's " + status).isEmpty();
            assertThat(Workflow.steps(Role.WRITER, "w1", article(status, "w1")))
                    .as("own " + status).doesNotContain(Step.PUBLISH, Step.SCHEDULE, Step.UNPUBLISH, Step.DELETE, Step.TO_DRAFT);
        }
    }

    @Test
    void aWriterEditsOnlyTheirOwnDraftsAndSubmissions() {
        for (ArticleStatus status : ArticleStatus.values()) {
            boolean expected = status == ArticleStatus.DRAFT || status == ArticleStatus.SUBMITTED;
            assertThat(Workflow.canEdit(Role.WRITER, "w1", article(status, "w1"))).as("own " + status).isEqualTo(expected);
            assertThat(Workflow.canEdit(Role.WRITER, "w1", article(status, "w2"))).as("other's " + status).isFalse();
            assertThat(Workflow.canView(Role.WRITER, "w1", article(status, "w2"))).as("other's " + status).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"EDITOR", "ADMIN"})
    void editorsAndAdminsTakeEveryStepTheStatusAllows(Role role) {
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.DRAFT, "w1")))
                .containsExactlyInAnyOrder(Step.SUBMIT, Step.PUBLISH, Step.SCHEDULE, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.SUBMITTED, "w1")))
                .containsExactlyInAnyOrder(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.SCHEDULED, "w1")))
                .containsExactlyInAnyOrder(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.PUBLISHED, "w1")))
                .containsExactlyInAnyOrder(Step.UNPUBLISH, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.UNPUBLISHED, "w1")))
                .containsExactlyInAnyOrder(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.DELETE);
        for (ArticleStatus status : ArticleStatus.values()) {
            assertThat(Workflow.canEdit(role, "e1", article(status, "w1"))).isTrue();
            Set<Step> steps = Workflow.steps(role, "e1", article(status, "w1"));
            assertThat(steps).doesNotContain(Step.WITHDRAW);
        }
    }

    @Test
    void nobodyPublishesWhatIsAlreadyPublished() {
        for (Role role : Role.values()) {
            assertThat(Workflow.steps(role, "x", article(ArticleStatus.PUBLISHED, "x")))
                    .doesNotContainAnyElementsOf(EnumSet.of(Step.PUBLISH, Step.SUBMIT, Step.SCHEDULE));
        }
    }
}
