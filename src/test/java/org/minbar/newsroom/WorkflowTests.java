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
import org.minbar.article.ArticleTransition;
import org.minbar.newsroom.Workflow.Step;

/** The role and transition matrix: who may take which step from which status, and edit what. */
class WorkflowTests {

    static Article article(ArticleStatus status, String owner) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Article(1, "s", "t", "e", "<p>b</p>", status, null, null, List.of(), List.of(), null, null, now, now,
                null, true, null, null, null, owner, null, 0, null);
    }

    @Test
    void aWriterSubmitsAndWithdrawsOnlyTheirOwnArticles() {
        assertThat(Workflow.steps(Role.WRITER, "w1", article(ArticleStatus.DRAFT, "w1"))).containsExactly(Step.SUBMIT);
        assertThat(Workflow.steps(Role.WRITER, "w1", article(ArticleStatus.SUBMITTED, "w1"))).containsExactly(Step.WITHDRAW);
        for (ArticleStatus status : ArticleStatus.values()) {
            assertThat(Workflow.steps(Role.WRITER, "w1", article(status, "w2"))).as("someone else's " + status).isEmpty();
            assertThat(Workflow.steps(Role.WRITER, "w1", article(status, "w1")))
                    .as("own " + status).doesNotContain(Step.PUBLISH, Step.SCHEDULE, Step.UNPUBLISH, Step.DELETE, Step.TO_DRAFT,
                            Step.FEATURE, Step.UNFEATURE);
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
                .containsExactlyInAnyOrder(Step.SUBMIT, Step.PUBLISH, Step.SCHEDULE, Step.FEATURE, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.SUBMITTED, "w1")))
                .containsExactlyInAnyOrder(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.FEATURE, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.SCHEDULED, "w1")))
                .containsExactlyInAnyOrder(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.FEATURE, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.PUBLISHED, "w1")))
                .containsExactlyInAnyOrder(Step.UNPUBLISH, Step.FEATURE, Step.DELETE);
        assertThat(Workflow.steps(role, "e1", article(ArticleStatus.UNPUBLISHED, "w1")))
                .containsExactlyInAnyOrder(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.FEATURE, Step.DELETE);
        for (ArticleStatus status : ArticleStatus.values()) {
            assertThat(Workflow.canEdit(role, "e1", article(status, "w1"))).isTrue();
            Set<Step> steps = Workflow.steps(role, "e1", article(status, "w1"));
            assertThat(steps).doesNotContain(Step.WITHDRAW);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"EDITOR", "ADMIN"})
    void editorsFeatureAnArticleOrClearTheMark(Role role) {
        Article published = article(ArticleStatus.PUBLISHED, "w1");
        Article featured = new Article(published.id(), published.slug(), published.title(), published.excerpt(), published.bodyHtml(),
                published.status(), null, null, List.of(), List.of(), null, null, published.createdAt(), published.updatedAt(), null,
                true, null, null, null, "w1", OffsetDateTime.now(), 0, null);
        assertThat(Workflow.steps(role, "e1", featured)).contains(Step.UNFEATURE).doesNotContain(Step.FEATURE);
        assertThat(Workflow.steps(role, "e1", published)).contains(Step.FEATURE).doesNotContain(Step.UNFEATURE);
        assertThat(Workflow.steps(Role.WRITER, "w1", featured)).as("writers do not").isEmpty();
    }

    @Test
    void nobodyPublishesWhatIsAlreadyPublished() {
        for (Role role : Role.values()) {
            assertThat(Workflow.steps(role, "x", article(ArticleStatus.PUBLISHED, "x")))
                    .doesNotContainAnyElementsOf(EnumSet.of(Step.PUBLISH, Step.SUBMIT, Step.SCHEDULE));
        }
    }

    /** The buttons come from the article's lifecycle: an editor is offered a move exactly where the lifecycle allows it. */
    @ParameterizedTest
    @EnumSource(ArticleStatus.class)
    void theEditorsButtonsAreTheLifecyclesMovesFromTheStatus(ArticleStatus status) {
        Set<Step> steps = Workflow.steps(Role.EDITOR, "e1", article(status, "w1"));
        for (Step step : EnumSet.of(Step.SUBMIT, Step.PUBLISH, Step.SCHEDULE, Step.UNPUBLISH, Step.TO_DRAFT)) {
            assertThat(steps.contains(step)).as(step + " from " + status)
                    .isEqualTo(step.transition.allowedFrom(status));
        }
        assertThat(ArticleTransition.from(status)).as("the lifecycle has a move out of " + status).isNotEmpty();
    }

}
