package org.minbar.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import-wxr FILE.xml [--media-dir DIR] [--dry-run] [--create-users]}: imports a WordPress export, showing progress. */
@MinbarCommand
@Command(name = "import-wxr", description = {"Import a WordPress export (WXR).",
        "Re-running updates what was imported and resumes an interrupted import."})
class WxrImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.xml", description = "the export (WordPress: Tools, Export, All content)")
    Path file;

    @Option(names = "--media-dir", paramLabel = "DIR", description = "a copy of wp-content/uploads, for the images")
    Path mediaDir;

    @Option(names = "--dry-run", description = "check everything and report, write nothing")
    boolean dryRun;

    @Option(names = "--create-users",
            description = "make the authors disabled newsroom accounts without a known password")
    boolean createUsers;

    @Spec
    CommandSpec spec;

    private final WxrImportJobs jobs;

    WxrImportCommand(WxrImportJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new CommandFailedException("No such file: " + file);
        }
        if (mediaDir != null && !Files.isDirectory(mediaDir)) {
            throw new CommandFailedException("--media-dir is not a directory: " + mediaDir);
        }
        var out = spec.commandLine().getOut();
        long start = System.nanoTime();
        WxrReport report;
        try {
            report = jobs.runHere(file, new WxrImporter.Options(mediaDir, dryRun, createUsers), "command line", out);
        } catch (MalformedWxrException e) {
            throw new CommandFailedException(e.getMessage() + " (nothing was imported)");
        }
        report.summary(dryRun).forEach(out::println);
        out.println("Took %.1f s.".formatted((System.nanoTime() - start) / 1e9));
        out.flush();
        return WxrImportJobs.exitStatus(report);
    }
}
