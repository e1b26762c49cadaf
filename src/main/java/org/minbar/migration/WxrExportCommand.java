package org.minbar.migration;

import java.nio.file.Path;
import java.util.List;
import org.minbar.system.CommandContext;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import org.springframework.stereotype.Component;

/** {@code export-wxr FILE.xml}: the whole site as a WordPress export (WXR 1.2). */
@Component
class WxrExportCommand implements MinbarCommand {

    private final WxrExporter exporter;

    WxrExportCommand(WxrExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public String name() {
        return "export-wxr";
    }

    @Override
    public String usage() {
        return "FILE.xml: write every article, section, tag and contributor as a WordPress export (WXR 1.2)";
    }

    @Override
    public int run(CommandContext context) throws Exception {
        List<String> files = context.positional();
        if (files.size() != 1) {
            throw new CommandFailedException("usage: export-wxr " + usage());
        }
        Path file = context.resolve(files.get(0));
        int count = exporter.export(file);
        context.println("Exported %d articles to %s".formatted(count, file));
        return 0;
    }
}
