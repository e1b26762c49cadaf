package org.minbar.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** What the benchmarks in bench/ share: the report's lines, progress on stderr, clean-up. */
final class BenchSupport {

    private static final long START = System.nanoTime();

    private BenchSupport() {
    }

    static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    static void target(StringBuilder out, boolean pass, String text) {
        line(out, "  [" + (pass ? "PASS" : "FAIL") + "] " + text);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Progress, with the time since the benchmark started, on stderr (the report goes to stdout). */
    static void log(String message) {
        System.err.printf(Locale.ROOT, "[%6.1fs] %s%n", seconds(System.nanoTime() - START), message);
    }

    /** Library logging (embedded PostgreSQL logs every server line) would mix with the report on stdout. */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
