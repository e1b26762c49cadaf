package org.minbar.article;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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
    private static final Logger log = LoggerFactory.getLogger(ScheduledPublishing.class);

    @Bean
    OneTimeTask<Void> publishArticleTask(ArticleRepository repository, ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        return Tasks.oneTime(TASK).onFailureRetryLater().execute((instance, context) -> {
            long id = Long.parseLong(instance.getId());
            boolean published = Boolean.TRUE.equals(transaction.execute(status -> {
                // Only if still scheduled: an editor may have unpublished or rescheduled it since.
                if (repository.publishScheduled(id, OffsetDateTime.now(ZoneOffset.UTC))) {
                    events.publishEvent(new ArticlePublished(id));
                    return true;
                }
                return false;
            }));
            log.info(published ? "Published scheduled article {}" : "Scheduled article {} was no longer due", id);
        });
    }
}
