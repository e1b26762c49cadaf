package org.minbar.article;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.util.Optional;
import org.minbar.system.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishing at a set time, as a persistent db-scheduler job (one per article, the instance id is
 * the article id): it survives restarts, and runs once even with several application nodes.
 */
@Configuration
class ScheduledPublishing {

    static final String TASK = "publish-article";
    /** Who holds back a scheduled article, in the audit log. */
    static final String AUDIT_ACTOR = "system";
    private static final Logger log = LoggerFactory.getLogger(ScheduledPublishing.class);

    @Bean
    OneTimeTask<Void> publishArticleTask(ObjectProvider<ArticleWorkflow> articles, AuditLog audit,
            TransactionTemplate transaction) {
        return Tasks.oneTime(TASK).onFailureRetryLater().execute((instance, context) -> {
            long id = Long.parseLong(instance.getId());
            // The same rules as publishing by hand (ArticleWorkflow.publishScheduled): a scheduled article
            // saved since with, say, an image without alt text is held back, and the audit log says why.
            Optional<String> refused = transaction.execute(status -> {
                Optional<String> reason = articles.getObject().publishScheduled(id);
                reason.ifPresent(why -> audit.record(AUDIT_ACTOR, ArticleWorkflow.PUBLISH_BLOCKED, "article " + id, why, null));
                return reason;
            });
            if (refused != null && refused.isPresent()) {
                log.warn("Scheduled article {} was not published: it breaks the publishing rules ({}); it is back in the"
                        + " editors' queue (submitted)", id, refused.get());
            } else {
                log.info("Scheduled publishing of article {} done (published unless no longer due)", id);
            }
        });
    }
}
