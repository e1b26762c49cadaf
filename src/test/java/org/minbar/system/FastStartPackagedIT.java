package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/minbar on the jar the build made (run by failsafe after {@code package}): the first run prepares
 * the fast start (extracted jar and class data sharing archive), a later one maps the archive. With
 * {@code -Xshare:on} Java refuses to start when the archive cannot be mapped, so a start that succeeds
 * with it proves the archive serves.
 */
class FastStartPackagedIT {

    @TempDir
    Path temp;

    private record Run(int exit, String output) {
    }

    private Run minbar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "bin/minbar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MINBAR_APP", temp.resolve("app").toString());
        builder.environment().put("MINBAR_DATA", temp.resolve("data").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("bin/minbar ended").isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void preparesTheStartOnceThenStartsFromTheArchive() throws Exception {
        assertThat(Path.of("target/minbar.jar")).as("built by package").exists();
        Run first = minbar(Map.of(), "help");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("preparing a fast start").contains("prepared; starting").contains("import-wxr");
        Path archive = temp.resolve("app/minbar.jsa");
        assertThat(archive).exists();
        assertThat(Files.size(archive)).as("the classes of a start").isGreaterThan(10_000_000);
        assertThat(temp.resolve("app/minbar.jar")).exists();
        long recorded = Files.getLastModifiedTime(archive).toMillis();

        Run again = minbar(Map.of("JAVA_OPTS", "-Xshare:on"), "help");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).doesNotContain("preparing").contains("import-wxr");
        assertThat(Files.getLastModifiedTime(archive).toMillis()).as("prepared once per build").isEqualTo(recorded);

        Run missing = minbar(Map.of("MINBAR_JAR", temp.resolve("none.jar").toString()), "help");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("is missing");
    }
}
