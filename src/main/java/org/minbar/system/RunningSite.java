package org.minbar.system;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@code run/site.properties} in the data directory: the port of the site serving this
 * data directory and the token that lets the command line talk to it. Readable by its owner only.
 */
record RunningSite(int port, String token) {

    static final String TOKEN_HEADER = "X-Minbar-Command-Token";

    private static final Logger log = LoggerFactory.getLogger(RunningSite.class);

    static Path file(Path dataDirectory) {
        return dataDirectory.resolve("run").resolve("site.properties");
    }

    URI commandUri(String name) {
        return URI.create("http://127.0.0.1:" + port + "/internal/commands/" + name);
    }

    /**
     * The running site's port and token; empty when no site wrote the file, and also when the file
     * cannot be read or lacks the port or the token (logged: the command line then runs commands
     * itself, as when no site runs, and a site that still holds the database makes them fail).
     */
    static Optional<RunningSite> read(Path dataDirectory) {
        Path file = file(dataDirectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            String port = properties.getProperty("port");
            String token = properties.getProperty("token");
            if (port == null || token == null || token.isBlank()) {
                throw new IllegalArgumentException("no " + (port == null ? "port" : "token") + " in it");
            }
            return Optional.of(new RunningSite(Integer.parseInt(port.strip()), token));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read {} ({}); acting as if no site were running", file, e.toString());
            return Optional.empty();
        }
    }

    void write(Path dataDirectory) {
        Path file = file(dataDirectory);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("site.properties.tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            Properties properties = new Properties();
            properties.setProperty("port", Integer.toString(port));
            properties.setProperty("token", token);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Written by the running Minbar site; removed when it stops.");
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static void remove(Path dataDirectory) {
        Path file = file(dataDirectory);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The command line copes with a stale file (nothing answers at its port), but say so.
            log.warn("Cannot remove {} ({}); the command line will find nothing at its port and run commands itself",
                    file, e.toString());
        }
    }
}
