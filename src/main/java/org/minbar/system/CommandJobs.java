package org.minbar.system;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Commands running inside the site as jobs: each on a thread of its own, never on a servlet
 * request thread, so no request timeout can interrupt its work (an interrupt in the middle of
 * database I/O can close an embedded database). The command line submits a job, then follows its
 * output in short requests; leaving (Ctrl-C, a lost connection) does not touch the job. The output
 * is kept in memory (the last {@value #MAX_LINES} lines of each of the last {@value #KEEP_FINISHED}
 * finished jobs) until the site stops.
 */
@Component
public class CommandJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommandJobs.class);
    static final int MAX_LINES = 10_000;
    static final int KEEP_FINISHED = 20;
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /** The work of a job: prints to {@code out} and {@code err}, returns the exit status. */
    @FunctionalInterface
    public interface Work {
        int run(PrintWriter out, PrintWriter err) throws Exception;
    }

    /** One line of a job's output, {@code err} when it went to standard error. */
    record Line(boolean err, String text) {
    }

    /** A slice of a job's output: lines from {@code from} on, the offset to ask for next, and the status once done. */
    record Output(List<Line> lines, long next, Integer status) {
    }

    /** One job. Its output and state are read by other threads (the follow requests). */
    static final class Job {
        private final long id;
        private final String name;
        private final List<String> args;
        private final Instant startedAt = Instant.now();
        private final Deque<Line> lines = new ArrayDeque<>();
        private long dropped;
        private Integer status;
        private Instant finishedAt;
        private Thread thread;

        Job(long id, String name, List<String> args) {
            this.id = id;
            this.name = name;
            this.args = List.copyOf(args);
        }

        long id() {
            return id;
        }

        String name() {
            return name;
        }

        List<String> args() {
            return args;
        }

        Instant startedAt() {
            return startedAt;
        }

        synchronized Integer status() {
            return status;
        }

        synchronized Instant finishedAt() {
            return finishedAt;
        }

        synchronized boolean finished() {
            return status != null;
        }

        synchronized void add(Line line) {
            lines.addLast(line);
            if (lines.size() > MAX_LINES) {
                lines.removeFirst();
                dropped++;
            }
            notifyAll();
        }

        synchronized void finish(int exitStatus) {
            status = exitStatus;
            finishedAt = Instant.now();
            notifyAll();
        }

        /**
         * The lines from offset {@code from} on, waiting up to {@code wait} for one when there is
         * none yet: the follower asks again at once, so a job's output reaches it as it is printed
         * while each request stays short. Lines dropped for room are skipped.
         */
        synchronized Output read(long from, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (from >= dropped + lines.size() && status == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // only this wait ends; the job goes on
                    break;
                }
            }
            long start = Math.max(from, dropped);
            List<Line> result = new ArrayList<>();
            long i = dropped;
            for (Line line : lines) {
                if (i++ >= start) {
                    result.add(line);
                }
            }
            return new Output(result, dropped + lines.size(), status);
        }
    }

    private final AtomicLong ids = new AtomicLong();
    /** {@code minbar.jobs.failed}: commands run in the site that ended with a non-zero status. */
    private final io.micrometer.core.instrument.Counter failures;

    CommandJobs(io.micrometer.core.instrument.MeterRegistry meters) {
        this.failures = io.micrometer.core.instrument.Counter.builder("minbar.jobs.failed")
                .description("Commands run in the site (jobs) that failed").register(meters);
    }
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private volatile boolean stopping;
    private volatile boolean running;

    /** Starts {@code work} on a thread of its own and returns the job at once. */
    public long submit(String name, List<String> args, Work work) {
        Job job = new Job(ids.incrementAndGet(), name, args);
        PrintWriter out = new PrintWriter(new LineWriter(job, false), true);
        PrintWriter err = new PrintWriter(new LineWriter(job, true), true);
        Thread thread = new Thread(() -> {
            int status;
            try {
                status = work.run(out, err);
            } catch (Throwable e) {
                log.error("Job {} ({}) failed", job.id(), name, e);
                err.println("error: " + name + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                status = 1;
            }
            if (status != 0) {
                failures.increment();
            }
            out.flush();
            err.flush();
            job.finish(status);
            log.info("Job {} ({}) finished with status {}", job.id(), name, status);
        }, "job-" + job.id() + "-" + name);
        job.thread = thread;
        synchronized (jobs) {
            jobs.put(job.id(), job);
            forgetOldJobs();
        }
        thread.start();
        return job.id();
    }

    Optional<Job> find(long id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    List<Job> list() {
        synchronized (jobs) {
            return List.copyOf(jobs.values());
        }
    }

    /**
     * True once the site is stopping: a long job should then end at its next safe point (an
     * import after its current batch) and leave the rest for the next start. Jobs are never
     * interrupted: they get {@link #STOP_WAIT} to notice this.
     */
    public boolean stopping() {
        return stopping;
    }

    private void forgetOldJobs() {
        List<Job> finished = jobs.values().stream().filter(Job::finished).toList();
        for (int i = 0; i < finished.size() - KEEP_FINISHED; i++) {
            jobs.remove(finished.get(i).id());
        }
    }

    @Override
    public void start() {
        stopping = false; // started again after a pause (a test context kept in Spring's cache)
        running = true;
    }

    /** Asks running jobs to stop and waits for them, before the database closes. */
    @Override
    public void stop() {
        stopping = true;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Job job : list()) {
            if (!job.finished()) {
                log.info("Waiting for job {} ({}) to reach a safe point before stopping", job.id(), job.name());
            }
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    job.thread.join(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Collects what a job prints, line by line, into its output. */
    private static final class LineWriter extends Writer {
        private final Job job;
        private final boolean err;
        private final StringBuilder line = new StringBuilder();

        LineWriter(Job job, boolean err) {
            this.job = job;
            this.err = err;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    emit();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void emit() {
            job.add(new Line(err, line.toString()));
            line.setLength(0);
        }

        @Override
        public synchronized void flush() {
            if (!line.isEmpty()) {
                emit();
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
