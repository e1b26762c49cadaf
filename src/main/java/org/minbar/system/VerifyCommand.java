package org.minbar.system;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.ObjectProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: runs every feature's {@link ConsistencyCheck} (the database's own invariants and
 * the search index against the database) and prints each difference on a line of its own, at most
 * {@code --max} of them, then a summary. Exits 0 when everything agrees, {@link #DIFFERENCES} when
 * something does not (1 stays "the command could not run"), so scripts and the crash tests can
 * tell them apart.
 */
@MinbarCommand
@Command(name = "verify", description = "Check that the database is consistent and that the search index matches it; "
        + "exits non-zero on any difference.")
class VerifyCommand implements Callable<Integer> {

    static final int DIFFERENCES = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--max", defaultValue = "50", description = "Print at most this many differences (all are counted; default ${DEFAULT-VALUE}).")
    int max;

    private final ObjectProvider<ConsistencyCheck> checks;

    VerifyCommand(ObjectProvider<ConsistencyCheck> checks) {
        this.checks = checks;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ConsistencyCheck> all = checks.orderedStream().toList();
        long total = 0;
        long started = System.nanoTime();
        for (ConsistencyCheck check : all) {
            long[] found = {0};
            check.check(difference -> {
                found[0]++;
                if (found[0] <= max) {
                    out.println(check.subject() + ": " + difference);
                }
            });
            if (found[0] > max) {
                out.println(check.subject() + ": ... and " + (found[0] - max) + " more");
            }
            out.println("Checked %s: %s.".formatted(check.subject(),
                    found[0] == 0 ? "consistent" : found[0] + (found[0] == 1 ? " difference" : " differences")));
            total += found[0];
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (total == 0) {
            out.println("verify: consistent (%d checks in %.1f s).".formatted(all.size(), seconds));
            return 0;
        }
        out.println("verify: %d %s found by %d checks in %.1f s.".formatted(total, total == 1 ? "difference" : "differences",
                all.size(), seconds));
        return DIFFERENCES;
    }
}
