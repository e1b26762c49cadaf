package org.minbar.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.lang.management.ManagementFactory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
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

    /** The machine, Java and load, for the head of a report. */
    static String machine() {
        Runtime rt = Runtime.getRuntime();
        String cpu = "?";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", ""))
                    .orElse("?");
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        String memory = "?";
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            memory = lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.1f GB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .orElse("?");
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "Date:      %s%nMachine:   %d cores (%s), %s RAM, %s %s%nJava:      %s (%s), max heap %.0f MB,"
                + " GC %s%nUser:      %s; load average at start %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))
                        .replaceFirst("\\.\\d+", ""),
                rt.availableProcessors(), cpu, memory, System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() / 1024.0 / 1024.0,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).collect(Collectors.joining("/")),
                System.getProperty("user.name"), loadAverage());
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
