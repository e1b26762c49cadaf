package org.minbar.migration;

import java.util.concurrent.Callable;
import org.minbar.system.MinbarCommand;
import org.minbar.system.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code load-demo}: what the site's first start loads, on demand. */
@MinbarCommand
@Command(name = "load-demo", description = "Load the demo content (the seed article, about 300 corpus articles, lead photos and cartoons).")
class LoadDemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final DemoContent demo;

    LoadDemoCommand(DemoContent demo) {
        this.demo = demo;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (demo.loaded()) {
            out.println("The demo content is already loaded; nothing to do.");
            return 0;
        }
        int total = demo.size();
        Progress progress = new Progress(out, "Loading demo content");
        int loaded = demo.load(done -> progress.count(done, total, "articles"));
        out.println("Loaded %d demo articles.".formatted(loaded));
        return 0;
    }
}
