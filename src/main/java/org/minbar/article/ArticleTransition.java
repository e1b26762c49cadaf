package org.minbar.article;

import static org.minbar.article.ArticleStatus.DRAFT;
import static org.minbar.article.ArticleStatus.PUBLISHED;
import static org.minbar.article.ArticleStatus.SCHEDULED;
import static org.minbar.article.ArticleStatus.SUBMITTED;
import static org.minbar.article.ArticleStatus.UNPUBLISHED;

import java.util.EnumSet;
import java.util.Set;

/**
 * The article lifecycle, whole: every move between statuses, where it may start, where it ends and
 * which publishing rules it checks. {@link ArticleWorkflow} performs them (and nothing else changes
 * an article's status); the newsroom derives its buttons from {@link #from}.
 */
public enum ArticleTransition {
    /** A writer or editor hands a draft in for review. */
    SUBMIT(SUBMITTED, PublishingRules.NONE, DRAFT),
    /** Back to the drafts: a writer withdrawing a submission, an editor sending it back or cancelling a schedule. */
    BACK_TO_DRAFT(DRAFT, PublishingRules.NONE, SUBMITTED, SCHEDULED, UNPUBLISHED),
    /** An editor publishes now. */
    PUBLISH(PUBLISHED, PublishingRules.ALL, DRAFT, SUBMITTED, SCHEDULED, UNPUBLISHED),
    /** An editor sets (or moves) a publishing time; the rules are checked now and again when it is due. */
    SCHEDULE(SCHEDULED, PublishingRules.ALL, DRAFT, SUBMITTED, UNPUBLISHED, SCHEDULED),
    /** The scheduler publishes a scheduled article that is due and still passes the rules. */
    PUBLISH_DUE(PUBLISHED, PublishingRules.ALL, SCHEDULED),
    /** The scheduler holds back a due article that no longer passes the rules: it goes to the editors' queue. */
    HOLD_BACK(SUBMITTED, PublishingRules.NONE, SCHEDULED),
    /** An editor takes a published article off the site. */
    UNPUBLISH(UNPUBLISHED, PublishingRules.NONE, PUBLISHED),
    /**
     * An importer brings in an article another site had already published, under its original date.
     * Its images may lack alt text (most archives' do): refusing them would break the archive's
     * addresses, so only the rules that make a page whole apply; the newsroom's publish checks all.
     */
    PUBLISH_IMPORTED(PUBLISHED, PublishingRules.WHOLE_PAGE, DRAFT, SUBMITTED, SCHEDULED, UNPUBLISHED),
    /** An importer brings in an article that is not public on the other site (private, password-protected). */
    UNPUBLISH_IMPORTED(UNPUBLISHED, PublishingRules.NONE, DRAFT, SUBMITTED, SCHEDULED);

    private final ArticleStatus to;
    private final PublishingRules rules;
    private final Set<ArticleStatus> from;

    ArticleTransition(ArticleStatus to, PublishingRules rules, ArticleStatus first, ArticleStatus... more) {
        this.to = to;
        this.rules = rules;
        this.from = EnumSet.of(first, more);
    }

    public ArticleStatus to() {
        return to;
    }

    public Set<ArticleStatus> from() {
        return EnumSet.copyOf(from);
    }

    public boolean allowedFrom(ArticleStatus status) {
        return from.contains(status);
    }

    /** The transitions that may start from this status. */
    public static Set<ArticleTransition> from(ArticleStatus status) {
        Set<ArticleTransition> result = EnumSet.noneOf(ArticleTransition.class);
        for (ArticleTransition transition : values()) {
            if (transition.allowedFrom(status)) {
                result.add(transition);
            }
        }
        return result;
    }

    PublishingRules rules() {
        return rules;
    }
}
