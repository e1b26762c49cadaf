package org.minbar.newsroom;

import java.util.EnumSet;
import java.util.Set;
import org.minbar.article.Article;
import org.minbar.article.ArticleStatus;

/**
 * Who may do what to an article. Writers prepare their own drafts and submit them; editors and
 * admins edit anyone's articles, publish, schedule, unpublish, send back to draft, feature and delete.
 * The article's state decides the rest (the article service refuses impossible moves).
 */
final class Workflow {

    /** The workflow steps, with the button text the newsroom shows. */
    enum Step {
        SUBMIT("إرسال للمراجعة"), WITHDRAW("سحب إلى المسودات"), PUBLISH("نشر الآن"), SCHEDULE("جدولة النشر"),
        UNPUBLISH("إلغاء النشر"), TO_DRAFT("إعادة إلى المسودات"), FEATURE("تثبيت في صدر الصفحة الرئيسية"),
        UNFEATURE("إلغاء التثبيت"), DELETE("حذف");

        final String label;

        Step(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

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
        ArticleStatus status = article.status();
        if (role == Role.WRITER) {
            if (isOwn(username, article) && status == ArticleStatus.DRAFT) {
                steps.add(Step.SUBMIT);
            }
            if (isOwn(username, article) && status == ArticleStatus.SUBMITTED) {
                steps.add(Step.WITHDRAW);
            }
            return steps;
        }
        switch (status) {
            case DRAFT -> steps.addAll(EnumSet.of(Step.SUBMIT, Step.PUBLISH, Step.SCHEDULE, Step.DELETE));
            case SUBMITTED -> steps.addAll(EnumSet.of(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.DELETE));
            case SCHEDULED -> steps.addAll(EnumSet.of(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.DELETE));
            case PUBLISHED -> steps.addAll(EnumSet.of(Step.UNPUBLISH, Step.DELETE));
            case UNPUBLISHED -> steps.addAll(EnumSet.of(Step.PUBLISH, Step.SCHEDULE, Step.TO_DRAFT, Step.DELETE));
        }
        // Featuring is the editors' choice of what leads the home page; it shows once the article is published.
        steps.add(article.featured() ? Step.UNFEATURE : Step.FEATURE);
        return steps;
    }

    private static boolean isOwn(String username, Article article) {
        return username.equals(article.createdBy());
    }
}
