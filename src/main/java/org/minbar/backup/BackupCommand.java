package org.minbar.backup;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.minbar.system.CommandFailedException;
import org.minbar.system.DataDirectory;
import org.minbar.system.MinbarCommand;
import org.minbar.system.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backup DIR}: the database from one snapshot, the media files and a manifest, into a new or empty
 * directory. Runs in the running site when there is one (readers are not interrupted), else on its own.
 * The search index is not backed up: a restore rebuilds it from the database.
 */
@MinbarCommand
@Command(name = "backup", description = "Back up the database and the media files into DIR (new or empty).")
class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "where to write the backup: a new or empty directory")
    Path target;

    private final DatabaseDump dump;
    private final DataDirectory data;
    private final Flyway flyway;

    BackupCommand(DatabaseDump dump, DataDirectory data, Flyway flyway) {
        this.dump = dump;
        this.data = data;
        this.flyway = flyway;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!BackupFiles.isEmptyOrMissing(target)) {
            throw new CommandFailedException(target + " is not empty; back up into a new or empty directory");
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(target.resolve("database"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Progress rows = new Progress(out, "Database");
        List<Manifest.Table> tables = dump.dump(target.resolve("database"), (done, total) -> rows.count(done, total, "rows"));
        long rowCount = tables.stream().mapToLong(Manifest.Table::rows).sum();
        out.println("Database: %d rows of %d tables.".formatted(rowCount, tables.size()));

        Path media = data.directory("media");
        List<Path> mediaFiles = BackupFiles.filesUnder(media);
        Progress copying = new Progress(out, "Media");
        long copied = 0;
        for (Path file : mediaFiles) {
            BackupFiles.copy(file, target.resolve("media").resolve(BackupFiles.relative(media, file)));
            copying.count(++copied, mediaFiles.size(), "files");
        }
        out.println("Media: %d files.".formatted(mediaFiles.size()));

        Map<String, String> checksums = new TreeMap<>();
        for (Path file : BackupFiles.filesUnder(target)) {
            checksums.put(BackupFiles.relative(target, file), Manifest.sha256(file));
        }
        String version = flyway.info().current() == null ? "" : flyway.info().current().getVersion().getVersion();
        new Manifest(Manifest.FORMAT, Instant.now().toString(), version, dump.product(), tables, mediaFiles.size(), checksums)
                .write(target);
        out.println("Backed up to %s in %.1f s (schema version %s).".formatted(target, (System.nanoTime() - started) / 1e9, version));
        return 0;
    }
}
