package org.minbar.system;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Lets the jar's command line run commands inside the running site, from this machine only and
 * with the token written to the data directory, so that caches and the index see every change.
 */
@RestController
class CommandEndpoint {

    private static final Logger log = LoggerFactory.getLogger(CommandEndpoint.class);

    private final CommandRunner runner;
    private final DataDirectory dataDirectory;
    private final boolean cli;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    CommandEndpoint(CommandRunner runner, DataDirectory dataDirectory, @Value("${minbar.cli:false}") boolean cli) {
        this.runner = runner;
        this.dataDirectory = dataDirectory;
        this.cli = cli;
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (!cli && event.getApplicationContext().getParent() == null) {
            new RunningSite(event.getWebServer().getPort(), token).write(dataDirectory.root());
        }
    }

    @EventListener
    void onShutdown(ContextClosedEvent event) {
        if (!cli && event.getApplicationContext().getParent() == null) {
            RunningSite.read(dataDirectory.root())
                    .filter(site -> site.token().equals(token))
                    .ifPresent(site -> RunningSite.remove(dataDirectory.root()));
        }
    }

    @PostMapping(path = "/internal/commands/{name}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<StreamingResponseBody> run(@PathVariable String name,
            @RequestParam String cwd,
            @RequestParam(name = "arg", required = false) List<String> args,
            @RequestHeader(name = RunningSite.TOKEN_HEADER, required = false) String presented,
            HttpServletRequest request) throws IOException {
        if (!isLoopback(request.getRemoteAddr()) || presented == null || !MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            log.warn("Refused a command request from {}", request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        List<String> arguments = args == null ? List.of() : args;
        log.info("Running command {} {} for the command line", name, arguments);
        StreamingResponseBody body = stream -> {
            PrintWriter out = new PrintWriter(new PrefixedLines(stream, CommandLauncher.OUT));
            PrintWriter err = new PrintWriter(new PrefixedLines(stream, CommandLauncher.ERR));
            int status = runner.run(name, new CommandContext(arguments, Path.of(cwd), out), err);
            out.flush();
            err.flush();
            stream.write((CommandLauncher.EXIT + status + "\n").getBytes(StandardCharsets.UTF_8));
            stream.flush();
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(body);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes each completed line with a prefix that tells the command line which stream it is. */
    private static final class PrefixedLines extends Writer {
        private final OutputStream stream;
        private final String prefix;
        private final StringBuilder line = new StringBuilder();

        PrefixedLines(OutputStream stream, String prefix) {
            this.stream = stream;
            this.prefix = prefix;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    emit();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void emit() throws IOException {
            synchronized (stream) {
                stream.write((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
                stream.flush();
            }
            line.setLength(0);
        }

        @Override
        public void flush() throws IOException {
            if (!line.isEmpty()) {
                emit();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
