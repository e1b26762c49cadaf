package org.minbar.newsroom;

import java.util.EnumSet;
import java.util.Set;
import org.minbar.article.Article;
import org.minbar.article.ArticleStatus;
import org.minbar.article.ArticleTransition;

/**
 * Who may do what to an article. Writers prepare their own drafts and submit them; editors and
 * admins edit anyone's articles, publish, schedule, unpublish, send back to draft, feature and delete.
 * Which status moves exist is the article's lifecycle ({@link ArticleTransition}); this adds the roles.
 */
final class Workflow {

    /** The workflow steps, with the button text the newsroom shows and the lifecycle move each makes (if any). */
    enum Step {
        SUBMIT("إرسال للمراجعة", ArticleTransition.SUBMIT), WITHDRAW("سحب إلى المسودات", ArticleTransition.BACK_TO_DRAFT),
        PUBLISH("نشر الآن", ArticleTransition.PUBLISH), SCHEDULE("جدولة النشر", ArticleTransition.SCHEDULE),
        UNPUBLISH("إلغاء النشر", ArticleTransition.UNPUBLISH), TO_DRAFT("إعادة إلى المسودات", ArticleTransition.BACK_TO_DRAFT),
        FEATURE("تثبيت في صدر الصفحة الرئيسية", null), UNFEATURE("إلغاء التثبيت", null), DELETE("حذف", null);

        final String label;
        final ArticleTransition transition;

        Step(String label, ArticleTransition transition) {
            this.label = label;
            this.transition = transition;
        }

        public String label() {
            return label;
        }

        boolean possibleFrom(ArticleStatus status) {
            return transition == null || transition.allowedFrom(status);
        }
    }

    /** What writers may do to their own articles: hand a draft in, take a submission back. */
    private static final Set<Step> WRITER_STEPS = EnumSet.of(Step.SUBMIT, Step.WITHDRAW);
    /** What editors do; WITHDRAW is the writer's name for TO_DRAFT. */
    private static final Set<Step> EDITOR_STEPS = EnumSet.complementOf(EnumSet.of(Step.WITHDRAW));

    private Workflow() {
    }

    static boolean canEdit(Role role, String username, Article article) {
        return role != Role.WRITER || isOwn(username, article)
                && (article.status() == ArticleStatus.DRAFT || article.status() == ArticleStatus.SUBMITTED);
    }

    /** Writers see their own articles; editors and admins see all. */
    static boolean canView(Role role, String username, Article article) {
        return role != Role.WRITER || isOwn(username, article);
    }

    /** The steps this user may take on this article now. */
    static Set<Step> steps(Role role, String username, Article article) {
        Set<Step> steps = EnumSet.noneOf(Step.class);
        if (role == Role.WRITER && !canEdit(role, username, article)) {
            return steps; // not theirs, or out of their hands (scheduled, published)
        }
        for (Step step : role == Role.WRITER ? WRITER_STEPS : EDITOR_STEPS) {
            if (step.possibleFrom(article.status())) {
                steps.add(step);
            }
        }
        // Featuring is the editors' choice of what leads the home page; it shows once the article is published.
        steps.remove(article.featured() ? Step.FEATURE : Step.UNFEATURE);
        return steps;
    }

    private static boolean isOwn(String username, Article article) {
        return username.equals(article.createdBy());
    }
}
