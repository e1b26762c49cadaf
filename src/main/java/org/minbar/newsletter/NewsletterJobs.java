package org.minbar.newsletter;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.minbar.system.SystemProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The newsletter's persistent jobs (db-scheduler): sending an edition, sending a confirmation
 * mail, and the recurring digest. At start, editions left unfinished by a crash are resumed at
 * once rather than after db-scheduler's dead-execution timeout; the outbox's claims keep a
 * recipient from being sent twice even when two workers meet on one edition.
 */
@Configuration
class NewsletterJobs {

    private static final Logger log = LoggerFactory.getLogger(NewsletterJobs.class);

    @Bean
    Task<Long> newsletterSendTask(NewsletterSender sender) {
        return Tasks.oneTime(EditionPlanner.SEND).execute((instance, context) -> {
            long editionId = instance.getData();
            sender.send(editionId, () -> context.getSchedulerState().isShuttingDown())
                    .ifPresent(next -> EditionPlanner.schedule(context.getSchedulerClient(), editionId, next));
        });
    }

    @Bean
    Task<Long> newsletterConfirmationTask(NewsletterSender sender, NewsletterProperties config) {
        return Tasks.oneTime(EditionPlanner.CONFIRMATION)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(config.maxAttempts(),
                        new FailureHandler.ExponentialBackoffFailureHandler<>(config.retryDelay())))
                .execute((instance, context) -> sender.sendConfirmation(instance.getData()));
    }

    @Bean
    Task<Void> newsletterDigestTask(EditionPlanner planner, NewsletterProperties config, SystemProperties system) {
        return Tasks.recurring("newsletter-digest", config.digestSchedule(system.site().timeZone())).execute((instance, context) ->
                planner.planDigest(context.getSchedulerClient(), Instant.now()).ifPresentOrElse(
                        planned -> log.info("Digest {} planned: {} articles, {} recipients", planned.editionId(),
                                planned.articles(), planned.recipients()),
                        () -> log.info("No digest: no article published since the last one")));
    }

    /** Only the site sends: a command run on its own has no scheduler to resume with. */
    @Bean
    @Profile("!cli")
    ResumeUnfinished newsletterResume(Editions editions, SchedulerClient jobs) {
        return new ResumeUnfinished(editions, jobs);
    }

    /**
     * Runs just before the scheduler starts polling, so every execution still marked as picked
     * belongs to a run that died (or to another node) and none to this one.
     */
    record ResumeUnfinished(Editions editions, SchedulerClient jobs) implements SmartLifecycle {

        @Override
        public void start() {
            // Editions with an execution waiting to be picked up will run anyway; the others were
            // being sent by a run that died (its execution stays picked until db-scheduler's
            // dead-execution timeout), so they get a new execution now.
            Set<Long> waiting = new HashSet<>();
            jobs.fetchScheduledExecutionsForTask(EditionPlanner.SEND.getTaskName(), Long.class,
                    ScheduledExecutionsFilter.all().withPicked(false), execution -> waiting.add(execution.getData()));
            for (long id : editions.unfinished()) {
                if (!waiting.contains(id)) {
                    log.info("Resuming newsletter {}", id);
                    EditionPlanner.schedule(jobs, id, Clock.systemUTC().instant());
                }
            }
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public int getPhase() {
            return SmartLifecycle.DEFAULT_PHASE - 100;
        }
    }
}
