package org.minbar.system;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Persistent jobs with db-scheduler. Features declare their {@link Task} beans and schedule through
 * the {@link SchedulerClient}; a schedule made inside a transaction commits or rolls back with it.
 * db-scheduler's Spring Boot starter targets Boot 3's auto-configuration classes and does not
 * activate on Boot 4, so the scheduler is built here from the core library.
 */
@Configuration
class JobsConfig {

    static final String TABLE = "scheduled_tasks";

    /** A command run on its own only schedules; the site's scheduler runs the jobs. */
    @Bean
    @Profile("cli")
    SchedulerClient jobsClient(DataSource dataSource, List<Task<?>> tasks) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), tasks).tableName(TABLE).build();
    }

    @Bean
    @Profile("!cli")
    SchedulerClient jobs(DataSource dataSource, List<Task<?>> tasks, SystemProperties properties, MeterRegistry meters) {
        int threads = properties.jobs().threads();
        Duration pollingInterval = properties.jobs().pollingInterval();
        DataSource transactional = new TransactionAwareDataSourceProxy(dataSource);
        List<Task<?>> startTasks = tasks.stream().filter(task -> task instanceof OnStartup).toList();
        // The builder adds start tasks to the known tasks itself; passing them twice fails ("Duplicate key").
        List<Task<?>> otherTasks = tasks.stream().filter(task -> !(task instanceof OnStartup)).toList();
        return Scheduler.create(transactional, otherTasks)
                .tableName(TABLE)
                .threads(threads)
                .pollingInterval(pollingInterval)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(20))
                .startTasks(recurring(startTasks))
                // db-scheduler's own meters: dbscheduler_task_completions_total{result="failed"} counts failed jobs.
                .statsRegistry(new MicrometerStatsRegistry(meters, tasks))
                .build();
    }

    /** Recurring tasks schedule themselves at start; the list holds only tasks that are {@link OnStartup}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends Task<?> & OnStartup> List<T> recurring(List<Task<?>> startTasks) {
        return (List) startTasks;
    }

    /** Starts polling when the site is up and stops it before the database closes. */
    @Bean
    SmartLifecycle jobsLifecycle(SchedulerClient jobs) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (jobs instanceof Scheduler scheduler) {
                    scheduler.start();
                }
                running = true;
            }

            @Override
            public void stop() {
                if (jobs instanceof Scheduler scheduler) {
                    scheduler.stop();
                }
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            // db-scheduler's executors cannot start again once stopped: a test context paused in
            // the cache (Spring 7) would fail on its next use. The site itself never pauses.
            @Override
            public boolean isPauseable() {
                return false;
            }
        };
    }
}
