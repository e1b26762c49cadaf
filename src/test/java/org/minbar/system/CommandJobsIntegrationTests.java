package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Commands that run longer than a request may: through the running site they are jobs, which the
 * command line follows in short requests. The request timeout is 2 s here, the command takes 4 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"minbar.demo.load-on-first-start=false", "spring.mvc.async.request-timeout=2s"})
@Import(CommandJobsIntegrationTests.SlowCommand.class)
class CommandJobsIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    /** A test-only command: {@code slow STEPS} prints a line every 200 ms, with a database query each time. */
    @MinbarCommand
    @Command(name = "slow", description = "test only")
    static class SlowCommand implements Callable<Integer> {
        static final AtomicInteger FINISHED = new AtomicInteger();

        @Parameters(paramLabel = "STEPS")
        int steps;

        @Spec
        CommandSpec spec;

        private final JdbcClient jdbc;

        SlowCommand(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 1; i <= steps; i++) {
                Thread.sleep(200);
                long users = jdbc.sql("select count(*) from newsroom_user").query(Long.class).single();
                out.println("step " + i + " of " + steps + " (" + users + " users)");
            }
            FINISHED.incrementAndGet();
            out.println("done");
            return 3;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DataDirectory dataDirectory;

    private final String previousDataProperty = System.getProperty("minbar.data");

    @AfterEach
    void restoreDataProperty() {
        if (previousDataProperty == null) {
            System.clearProperty("minbar.data");
        } else {
            System.setProperty("minbar.data", previousDataProperty);
        }
    }

    private static final java.util.regex.Pattern LOG_LINE = java.util.regex.Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) ");

    record Result(int status, List<String> out, String err) {
    }

    private synchronized Result run(String... args) {
        System.setProperty("minbar.data", dataDirectory.root().toString());
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = CommandLauncher.run(MinbarApplication.class, args);
            // The site runs in this JVM: its log lines are in the same System.out.
            return new Result(status, out.toString(StandardCharsets.UTF_8).lines().filter(l -> !LOG_LINE.matcher(l).find()).toList(),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void aCommandLongerThanTheRequestTimeoutFinishesAndItsWholeOutputAndStatusReachTheCommandLine() {
        int before = SlowCommand.FINISHED.get();

        Result result = run("slow", "20");

        assertThat(result.err()).doesNotContain("refused", "error");
        assertThat(result.status()).isEqualTo(3);
        assertThat(result.out()).hasSize(21).endsWith("done");
        assertThat(result.out().get(0)).startsWith("step 1 of 20 (");
        assertThat(result.out().get(19)).startsWith("step 20 of 20 (");
        assertThat(SlowCommand.FINISHED.get()).isEqualTo(before + 1);

        // The site and its database are fine afterwards.
        Http http = new Http(port);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/articles").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health").body()).contains("UP");
    }

    @Test
    void jobsAreListedAndCanBeFollowedAgainFromTheStart() {
        Result first = run("slow", "2");
        assertThat(first.status()).isEqualTo(3);

        Result list = run("jobs");
        assertThat(list.status()).isZero();
        String line = list.out().stream().filter(l -> l.contains("slow 2")).reduce((a, b) -> b).orElseThrow();
        assertThat(line).contains("failed(3)");
        String id = line.split("\\s+")[0];

        Result again = run("job", "follow", id);
        assertThat(again.status()).isEqualTo(3);
        assertThat(again.out()).containsExactlyElementsOf(first.out());

        assertThat(run("job", "follow", "999999").err()).contains("no job 999999");
        Result wrong = run("job", "sing");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).contains("'sing'", "job --help");
    }

    @Test
    void theJobEndpointsRefuseRequestsWithoutTheToken() {
        Http http = new Http(port);
        HttpResponse<String> list = http.get("/internal/commands/jobs");
        HttpResponse<String> follow = http.get("/internal/commands/jobs/1?from=0");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(follow.statusCode()).isEqualTo(403);
    }
}
