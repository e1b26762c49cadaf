package org.minbar.backup;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.minbar.article.PublishedArticles;
import org.minbar.search.SearchService;
import org.minbar.system.CommandFailedException;
import org.minbar.system.DataDirectory;
import org.minbar.system.MinbarCommand;
import org.minbar.system.Progress;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restore DIR}: a backup into an empty data directory (and an empty database: a fresh H2 file, or
 * a new PostgreSQL database), refusing anything else; then the search index is rebuilt. Checks every
 * file's checksum and the schema version before it writes anything. Runs only on a stopped site.
 */
@MinbarCommand
@Command(name = "restore", description = "Restore a backup (made by: backup DIR) into an empty data directory, then rebuild the search index.")
class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the backup directory")
    Path source;

    private final DatabaseDump dump;
    private final DataDirectory data;
    private final Flyway flyway;
    private final SearchService search;
    private final PublishedArticles articles;
    private final Environment environment;

    RestoreCommand(DatabaseDump dump, DataDirectory data, Flyway flyway, SearchService search, PublishedArticles articles,
            Environment environment) {
        this.dump = dump;
        this.data = data;
        this.flyway = flyway;
        this.search = search;
        this.articles = articles;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!environment.acceptsProfiles(Profiles.of("cli"))) {
            throw new CommandFailedException("restore needs a stopped site: stop the site serving " + data.root() + " first");
        }
        if (!Files.isRegularFile(source.resolve(Manifest.FILE))) {
            throw new CommandFailedException(source + " is not a backup (it has no " + Manifest.FILE + ")");
        }
        Manifest manifest = Manifest.read(source);
        if (manifest.format() != Manifest.FORMAT) {
            throw new CommandFailedException("backup format " + manifest.format() + " is not known to this version of Minbar");
        }
        String version = flyway.info().current() == null ? "" : flyway.info().current().getVersion().getVersion();
        if (!version.equals(manifest.schemaVersion())) {
            throw new CommandFailedException("the backup is of schema version " + manifest.schemaVersion() + " and this Minbar's is "
                    + version + "; restore with the Minbar version that made the backup, then upgrade");
        }
        Progress checking = new Progress(out, "Checking");
        long checked = 0;
        for (Map.Entry<String, String> file : manifest.files().entrySet()) {
            Path path = source.resolve(file.getKey());
            if (!Files.isRegularFile(path) || !Manifest.sha256(path).equals(file.getValue())) {
                throw new CommandFailedException("the backup is damaged: " + file.getKey() + " is missing or does not match its checksum");
            }
            checking.count(++checked, manifest.files().size(), "files");
        }
        Path media = data.directory("media");
        List<String> filled = dump.tablesWithRows();
        if (!filled.isEmpty() || !BackupFiles.filesUnder(media).isEmpty()) {
            throw new CommandFailedException("the data directory " + data.root() + " (or its database) is not empty"
                    + (filled.isEmpty() ? "" : ": tables " + String.join(", ", filled) + " have rows")
                    + "; restore into a new data directory and a new database");
        }

        long started = System.nanoTime();
        long total = manifest.tables().stream().mapToLong(Manifest.Table::rows).sum();
        Progress rows = new Progress(out, "Database");
        dump.load(source.resolve("database"), manifest.tables(), done -> rows.count(done, total, "rows"));
        out.println("Database: %d rows of %d tables.".formatted(total, manifest.tables().size()));

        Path backedUpMedia = source.resolve("media");
        List<Path> files = BackupFiles.filesUnder(backedUpMedia);
        Progress copying = new Progress(out, "Media");
        long copied = 0;
        for (Path file : files) {
            BackupFiles.copy(file, media.resolve(BackupFiles.relative(backedUpMedia, file)));
            copying.count(++copied, files.size(), "files");
        }
        out.println("Media: %d files.".formatted(files.size()));

        long published = articles.countPublished(null, null);
        Progress indexing = new Progress(out, "Reindexing");
        long indexed = search.rebuildIndex(done -> indexing.count(done, published, "articles"));
        out.println("Search index: %d articles.".formatted(indexed));
        out.println("Restored %s into %s in %.1f s.".formatted(source, data.root(), (System.nanoTime() - started) / 1e9));
        return 0;
    }
}
