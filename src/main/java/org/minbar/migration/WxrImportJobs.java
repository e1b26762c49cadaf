package org.minbar.migration;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.minbar.system.CommandFailedException;
import org.minbar.system.CommandJobs;
import org.minbar.system.DataDirectory;
import org.minbar.system.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * WordPress imports, one at a time, whether started by the command line ({@code import-wxr}, which
 * runs as a job inside the running site) or from the newsroom page, which shows the running (or
 * last) import's progress either way. Every import but a dry run is recorded in
 * {@code wordpress_import} with its position, committed with each batch of posts: an import
 * interrupted by a crash or a stop of the site resumes by itself, as a job, at the site's next
 * start, after the last committed batch; running the same command again resumes it too.
 */
@Component
class WxrImportJobs {

    private static final Logger log = LoggerFactory.getLogger(WxrImportJobs.class);
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    /** One import: where it came from, and its report (read by the newsroom page while it runs). */
    record Job(String filename, boolean dryRun, boolean createUsers, String startedBy, Instant startedAt, WxrReport report) {
    }

    /** A recorded import, as stored. */
    private record Stored(long id, Path file, String filename, long size, Path mediaDir, boolean createUsers,
            boolean deleteFile, String startedBy, long itemsDone, WxrReport.Counts counts) {
    }

    private final WxrImporter importer;
    private final CommandJobs commandJobs;
    private final JdbcClient jdbc;
    private final DataDirectory data;
    private final AtomicReference<Job> current = new AtomicReference<>();

    WxrImportJobs(WxrImporter importer, CommandJobs commandJobs, JdbcClient jdbc, DataDirectory data) {
        this.importer = importer;
        this.commandJobs = commandJobs;
        this.jdbc = jdbc;
        this.data = data;
    }

    /** The running or last import, if any since the site started. */
    Job current() {
        return current.get();
    }

    /** Where an export uploaded in the newsroom is kept until its import ends (a resumed import needs it). */
    Path newUploadFile() {
        return data.directory("imports").resolve("upload-" + UUID.randomUUID() + ".xml");
    }

    /**
     * Starts importing {@code file}, uploaded in the newsroom (deleted when the import ends), as a
     * job. Returns false, and starts nothing, while another import runs.
     */
    boolean start(Path file, String filename, boolean dryRun, boolean createUsers, String startedBy) {
        Job job = claim(new Job(filename, dryRun, createUsers, startedBy, Instant.now(), new WxrReport()));
        if (job == null) {
            return false;
        }
        WxrImporter.Options options = new WxrImporter.Options(null, dryRun, createUsers);
        List<String> args = new ArrayList<>(List.of(filename));
        if (dryRun) {
            args.add("--dry-run");
        }
        if (createUsers) {
            args.add("--create-users");
        }
        commandJobs.submit("import-wxr", args, (out, err) -> printing(job, file, options, null, true, out, err));
        return true;
    }

    /**
     * Runs an import on this thread (the {@code import-wxr} command's): resumes the unfinished
     * import of the same file if there is one, shows its {@link Progress} and returns
     * the report. Throws {@link CommandFailedException} while another import runs.
     */
    WxrReport runHere(Path file, WxrImporter.Options options, String startedBy, PrintWriter out) throws IOException {
        Job job = claim(new Job(file.getFileName().toString(), options.dryRun(), options.createUsers(), startedBy,
                Instant.now(), new WxrReport()));
        if (job == null) {
            Job running = current.get();
            throw new CommandFailedException("another WordPress import is running (" + running.filename() + ", started by "
                    + running.startedBy() + "); follow it on /newsroom/import or with: java -jar minbar.jar jobs");
        }
        Stored resume = options.dryRun() ? null : unfinished(file).orElse(null);
        execute(job, file, options, resume, false, bars(job.report(), out));
        return job.report();
    }

    /**
     * Resumes the imports a crash or a stop interrupted, each as a job (normally there is one).
     * The site does this when it starts ({@link ResumeImportsAtStart}).
     */
    void resumeInterrupted() {
        List<Stored> interrupted = stored("state = ?", RUNNING);
        for (Stored stored : interrupted) {
            if (!Files.isRegularFile(stored.file()) || size(stored.file()) != stored.size()) {
                finish(stored.id(), FAILED, "the export file " + stored.file() + " is gone or has changed; run import-wxr again");
                log.warn("Cannot resume the WordPress import of {}: the file is gone or has changed", stored.file());
                continue;
            }
            WxrImporter.Options options = new WxrImporter.Options(stored.mediaDir(), false, stored.createUsers());
            Job job = claim(new Job(stored.filename(), false, stored.createUsers(), stored.startedBy(), Instant.now(),
                    new WxrReport()));
            if (job == null) {
                finish(stored.id(), FAILED, "another import was resumed first; run import-wxr again to finish this one");
                continue;
            }
            log.info("Resuming the WordPress import of {} after item {} (interrupted)", stored.file(), stored.itemsDone());
            commandJobs.submit("import-wxr", List.of(stored.file().toString(), "(resumed)"),
                    (out, err) -> printing(job, stored.file(), options, stored, stored.deleteFile(), out, err));
        }
    }

    private synchronized Job claim(Job job) {
        Job running = current.get();
        if (running != null && !running.report().finished()) {
            return null;
        }
        current.set(job);
        return job;
    }

    /** A background import's work: the command's output, with errors on {@code err}; returns the exit status. */
    private int printing(Job job, Path file, WxrImporter.Options options, Stored resume, boolean deleteFile,
            PrintWriter out, PrintWriter err) throws IOException {
        long start = System.nanoTime();
        try {
            execute(job, file, options, resume, deleteFile, bars(job.report(), out));
        } catch (MalformedWxrException e) {
            err.println("error: " + job.report().fatal());
            return 1;
        }
        job.report().summary(options.dryRun()).forEach(out::println);
        out.println("Took %.1f s.".formatted((System.nanoTime() - start) / 1e9));
        return exitStatus(job.report());
    }

    static int exitStatus(WxrReport report) {
        return report.failed() > 0 || report.fatal() != null ? 1 : 0;
    }

    private static Runnable bars(WxrReport report, PrintWriter out) {
        Progress progress = new Progress(out, "Importing");
        return () -> progress.show(report.percent(), 100, counts(report));
    }

    static String counts(WxrReport report) {
        return "created %d, updated %d, skipped %d, failed %d".formatted(report.created(), report.updated(), report.skipped(),
                report.failed());
    }

    /** Runs a claimed import on this thread, recording it (unless a dry run) so that it can resume. */
    private void execute(Job job, Path file, WxrImporter.Options options, Stored resume, boolean deleteFile,
            Runnable onProgress) throws IOException {
        WxrReport report = job.report();
        Long id = null;
        long itemsDone = 0;
        if (resume != null) {
            id = resume.id();
            itemsDone = resume.itemsDone();
            report.resume(resume.counts(), itemsDone);
            jdbc.sql("update wordpress_import set state = ?, message = null, finished_at = null where id = ?")
                    .params(RUNNING, id).update();
        } else if (!options.dryRun()) {
            id = insert(file, job, options, deleteFile);
        }
        WxrImporter.Journal journal = id == null ? WxrImporter.Journal.NONE : journal(id, itemsDone);
        String state = DONE;
        String fatal = null;
        try {
            importer.run(file, options, report, onProgress, journal);
        } catch (WxrImporter.Stopped e) {
            state = RUNNING; // resumed at the next start
            fatal = "the site stopped; the import resumes where it stopped at the site's next start (" + e.getMessage() + ")";
        } catch (MalformedWxrException e) {
            state = FAILED;
            fatal = e.getMessage().replace(file.toString(), job.filename()) + " (nothing was imported)";
            throw e;
        } catch (IOException | RuntimeException e) {
            state = FAILED;
            fatal = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("The WordPress import of {} stopped", job.filename(), e);
            fatal += "; run the same import again to resume it";
            throw e;
        } finally {
            report.finish(fatal);
            if (id != null) {
                try {
                    finish(id, state, fatal);
                } catch (RuntimeException e) {
                    log.warn("Cannot record the end of the WordPress import of {}", job.filename(), e);
                }
            }
            if (deleteFile && !state.equals(RUNNING)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Cannot delete the uploaded export {}", file, e);
                }
            }
        }
    }

    private WxrImporter.Journal journal(long id, long itemsDone) {
        return new WxrImporter.Journal() {
            @Override
            public long itemsDone() {
                return itemsDone;
            }

            @Override
            public void batch(long items, WxrReport report) {
                WxrReport.Counts c = report.counts();
                jdbc.sql("update wordpress_import set items_done = ?, created = ?, updated = ?, skipped = ?, failed = ?, "
                        + "attachments = ?, comments = ?, sticky = ?, missing_media = ?, last_post_id = ? where id = ?")
                        .params(items, c.created(), c.updated(), c.skipped(), c.failed(), c.attachments(), c.comments(),
                                c.sticky(), c.missingMedia(), c.lastPostId(), id)
                        .update();
            }

            @Override
            public boolean stopRequested() {
                return commandJobs.stopping();
            }
        };
    }

    private long insert(Path file, Job job, WxrImporter.Options options, boolean deleteFile) throws IOException {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into wordpress_import (file_path, file_name, file_size, media_dir, create_users, delete_file, "
                        + "started_by, started_at, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(file.toAbsolutePath().toString(), job.filename(), Files.size(file),
                        options.mediaDir() == null ? null : options.mediaDir().toString(), options.createUsers(), deleteFile,
                        job.startedBy(), OffsetDateTime.now(ZoneOffset.UTC), RUNNING)
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    private void finish(long id, String state, String message) {
        jdbc.sql("update wordpress_import set state = ?, message = ?, finished_at = ? where id = ?")
                .params(state, message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message,
                        state.equals(RUNNING) ? null : OffsetDateTime.now(ZoneOffset.UTC), id)
                .update();
    }

    /** The latest unfinished (interrupted or failed) import of the same, unchanged file that got somewhere. */
    private Optional<Stored> unfinished(Path file) throws IOException {
        long size = Files.size(file);
        return stored("file_path = ? and state <> ? and items_done > 0", file.toAbsolutePath().toString(), DONE).stream()
                .filter(s -> s.size() == size)
                .reduce((first, second) -> second);
    }

    private List<Stored> stored(String where, Object... params) {
        return jdbc.sql("select id, file_path, file_name, file_size, media_dir, create_users, delete_file, started_by, items_done, "
                        + "created, updated, skipped, failed, attachments, comments, sticky, missing_media, last_post_id "
                        + "from wordpress_import where " + where + " order by id")
                .params(params)
                .query((rs, n) -> new Stored(rs.getLong(1), Path.of(rs.getString(2)), rs.getString(3), rs.getLong(4),
                        rs.getString(5) == null ? null : Path.of(rs.getString(5)), rs.getBoolean(6), rs.getBoolean(7),
                        rs.getString(8), rs.getLong(9), new WxrReport.Counts(rs.getInt(10), rs.getInt(11), rs.getInt(12),
                                rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getInt(17), rs.getLong(18))))
                .list();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
