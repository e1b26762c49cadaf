package org.minbar.system;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets the jar's command line run commands inside the running site, from this machine only and
 * with the token written to the data directory, so that caches and the index see every change. A
 * command runs as a job ({@link CommandJobs}) that outlives the request that started it. Only the
 * serving site has it: a command run on its own must not announce itself as the running site.
 */
@RestController
@Profile("!cli")
class CommandEndpoint {

    private static final Logger log = LoggerFactory.getLogger(CommandEndpoint.class);

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final Duration FOLLOW_WAIT = Duration.ofSeconds(1);

    private final CommandRunner runner;
    private final CommandJobs jobs;
    private final DataDirectory dataDirectory;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    CommandEndpoint(CommandRunner runner, CommandJobs jobs, DataDirectory dataDirectory) {
        this.runner = runner;
        this.jobs = jobs;
        this.dataDirectory = dataDirectory;
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getParent() == null) {
            new RunningSite(event.getWebServer().getPort(), token).write(dataDirectory.root());
        }
    }

    @EventListener
    void onShutdown(ContextClosedEvent event) {
        if (event.getApplicationContext().getParent() == null) {
            RunningSite.read(dataDirectory.root())
                    .filter(site -> site.token().equals(token))
                    .ifPresent(site -> RunningSite.remove(dataDirectory.root()));
        }
    }

    /**
     * Starts the command as a job and answers its id at once ({@code j ID}); the command line then
     * follows it with {@link #follow}. The command's work never runs on this request's thread.
     */
    @PostMapping(path = "/internal/commands/{name}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> run(@PathVariable String name,
            @RequestParam String cwd,
            @RequestParam(name = "arg", required = false) List<String> args,
            @RequestHeader(name = RunningSite.TOKEN_HEADER, required = false) String presented,
            HttpServletRequest request) {
        if (!allowed(presented, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        List<String> arguments = args == null ? List.of() : args;
        List<String> commandLine = new ArrayList<>(List.of(name));
        commandLine.addAll(arguments);
        long id = jobs.submit(name, arguments, (out, err) -> runner.run(commandLine, Path.of(cwd), out, err));
        log.info("Started job {}: command {} {} for the command line", id, name, arguments);
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(TEXT).body(CommandLauncher.JOB + id + "\n");
    }

    /**
     * A job's output from line {@code from} on ({@code o }/{@code e } lines), then {@code n NEXT}
     * (the offset to ask for next) and, once the job has ended and everything was sent,
     * {@code x STATUS}. Waits at most {@link #FOLLOW_WAIT} for new output: each request stays far
     * below any request timeout.
     */
    @GetMapping(path = "/internal/commands/jobs/{id}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> follow(@PathVariable long id, @RequestParam(defaultValue = "0") long from,
            @RequestHeader(name = RunningSite.TOKEN_HEADER, required = false) String presented,
            HttpServletRequest request) {
        if (!allowed(presented, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Optional<CommandJobs.Job> job = jobs.find(id);
        if (job.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(TEXT).body("no job " + id + "\n");
        }
        CommandJobs.Output output = job.get().read(from, FOLLOW_WAIT);
        StringBuilder body = new StringBuilder();
        for (CommandJobs.Line line : output.lines()) {
            body.append(line.err() ? CommandLauncher.ERR : CommandLauncher.OUT).append(line.text()).append('\n');
        }
        body.append(CommandLauncher.NEXT).append(output.next()).append('\n');
        if (output.status() != null) {
            body.append(CommandLauncher.EXIT).append(output.status()).append('\n');
        }
        return ResponseEntity.ok().contentType(TEXT).body(body.toString());
    }

    /** The jobs since the site started, oldest first: {@code ID STATE NAME ARGS}, one a line. */
    @GetMapping(path = "/internal/commands/jobs", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> list(@RequestHeader(name = RunningSite.TOKEN_HEADER, required = false) String presented,
            HttpServletRequest request) {
        if (!allowed(presented, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        StringBuilder body = new StringBuilder();
        for (CommandJobs.Job job : jobs.list()) {
            Integer status = job.status();
            String state = status == null ? "running" : status == 0 ? "done" : "failed(" + status + ")";
            body.append("%-5d %-10s %s  %s%s%n".formatted(job.id(), state,
                    DateTimeFormatter.ISO_INSTANT.format(job.startedAt().truncatedTo(ChronoUnit.SECONDS)), job.name(),
                    job.args().isEmpty() ? "" : " " + String.join(" ", job.args())));
        }
        return ResponseEntity.ok().contentType(TEXT).body(body.toString());
    }

    private boolean allowed(String presented, HttpServletRequest request) {
        if (!isLoopback(request.getRemoteAddr()) || presented == null || !MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            log.warn("Refused a command request from {}", request.getRemoteAddr());
            return false;
        }
        return true;
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
