package org.minbar.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs imports started from the newsroom, one at a time, on a background thread of their own; the
 * newsroom page reads the running (or last) import's report.
 */
@Component
class WxrImportJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WxrImportJobs.class);

    /** One import started from the newsroom. */
    record Job(String filename, boolean dryRun, boolean createUsers, String startedBy, Instant startedAt, WxrReport report) {
    }

    private final WxrImporter importer;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wxr-import");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Job> current = new AtomicReference<>();

    WxrImportJobs(WxrImporter importer) {
        this.importer = importer;
    }

    /** The running or last import, if any since the site started. */
    Job current() {
        return current.get();
    }

    /**
     * Starts importing {@code file} (which the job deletes when done). Returns false, and starts
     * nothing, while another import runs.
     */
    synchronized boolean start(Path file, String filename, boolean dryRun, boolean createUsers, String startedBy) {
        Job running = current.get();
        if (running != null && !running.report().finished()) {
            return false;
        }
        Job job = new Job(filename, dryRun, createUsers, startedBy, Instant.now(), new WxrReport());
        current.set(job);
        executor.execute(() -> {
            String fatal = null;
            try {
                importer.run(file, new WxrImporter.Options(null, dryRun, createUsers), job.report(), () -> { });
            } catch (MalformedWxrException e) {
                fatal = e.getMessage().replace(file.toString(), filename) + " (nothing was imported)";
            } catch (Exception e) {
                log.warn("The WordPress import of {} stopped", filename, e);
                fatal = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                job.report().finish(fatal);
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    log.warn("Cannot delete the uploaded export {}", file, e);
                }
            }
        });
        return true;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
