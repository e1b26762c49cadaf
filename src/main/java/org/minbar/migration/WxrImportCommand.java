package org.minbar.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.minbar.system.CommandContext;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import org.springframework.stereotype.Component;

/** {@code import-wxr FILE.xml [--media-dir DIR] [--dry-run] [--create-users]}: imports a WordPress export, with a progress bar. */
@Component
class WxrImportCommand implements MinbarCommand {

    private final WxrImportJobs jobs;

    WxrImportCommand(WxrImportJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "import-wxr";
    }

    @Override
    public String usage() {
        return "FILE.xml [--media-dir DIR] [--dry-run] [--create-users]: import a WordPress export (WXR); re-running updates what was imported and resumes an interrupted import; --create-users makes the authors disabled newsroom accounts without a known password";
    }

    @Override
    public int run(CommandContext context) throws Exception {
        for (String arg : context.args()) {
            if (arg.startsWith("--") && !List.of("--media-dir", "--dry-run", "--create-users").contains(arg)) {
                throw new CommandFailedException("unknown option " + arg + "; usage: import-wxr " + usage());
            }
        }
        List<String> files = positional(context.args());
        if (files.size() != 1) {
            throw new CommandFailedException("usage: import-wxr " + usage());
        }
        Path file = context.resolve(files.get(0));
        if (!Files.isRegularFile(file)) {
            throw new CommandFailedException("No such file: " + file);
        }
        Path mediaDir = context.option("media-dir").map(context::resolve).orElse(null);
        if (mediaDir != null && !Files.isDirectory(mediaDir)) {
            throw new CommandFailedException("--media-dir is not a directory: " + mediaDir);
        }
        boolean dryRun = context.args().contains("--dry-run");
        boolean createUsers = context.args().contains("--create-users");
        long start = System.nanoTime();
        WxrReport report;
        try {
            report = jobs.runHere(file, new WxrImporter.Options(mediaDir, dryRun, createUsers), "command line", context.out());
        } catch (MalformedWxrException e) {
            throw new CommandFailedException(e.getMessage() + " (nothing was imported)");
        }
        report.summary(dryRun).forEach(context::println);
        context.println("Took %.1f s.".formatted((System.nanoTime() - start) / 1e9));
        return WxrImportJobs.exitStatus(report);
    }

    /** The file argument: {@code --dry-run} is a flag without a value, so the shared parsing does not fit. */
    static List<String> positional(List<String> args) {
        List<String> result = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--media-dir")) {
                i++;
            } else if (!arg.startsWith("--")) {
                result.add(arg);
            }
        }
        return result;
    }

    static String bar(int percent, WxrReport report) {
        int filled = percent / 5;
        return "[%s%s] %3d%%  created %d, updated %d, skipped %d, failed %d".formatted("#".repeat(filled),
                ".".repeat(20 - filled), percent, report.created(), report.updated(), report.skipped(), report.failed());
    }
}
