package org.minbar.migration;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.minbar.system.MinbarCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export-wxr FILE.xml}: the whole site as a WordPress export (WXR 1.2). */
@MinbarCommand
@Command(name = "export-wxr",
        description = "Write every article, section, tag and contributor as a WordPress export (WXR 1.2).")
class WxrExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.xml", description = "the file to write")
    Path file;

    @Spec
    CommandSpec spec;

    private final WxrExporter exporter;

    WxrExportCommand(WxrExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public Integer call() throws Exception {
        int count = exporter.export(file);
        spec.commandLine().getOut().println("Exported %d articles to %s".formatted(count, file));
        return 0;
    }
}
