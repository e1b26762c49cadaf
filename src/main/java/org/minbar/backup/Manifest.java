package org.minbar.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a backup holds, in {@code manifest.json}: the schema version it was taken at, each table's
 * columns and row count, and the SHA-256 of every file, so that a restore refuses a damaged backup
 * before it writes anything.
 *
 * @param format the layout of the backup directory (1)
 * @param createdAt when the snapshot was taken (ISO-8601)
 * @param schemaVersion the Flyway version of the database (a restore needs the same)
 * @param database the product the backup was taken from (H2, PostgreSQL); restores go to either
 * @param tables the tables in the order a restore inserts them (referenced tables first)
 * @param mediaFiles how many media files
 * @param files every file of the backup but the manifest (relative path, with / separators) and its SHA-256
 */
record Manifest(int format, String createdAt, String schemaVersion, String database, List<Table> tables,
        long mediaFiles, Map<String, String> files) {

    static final String FILE = "manifest.json";
    static final int FORMAT = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A table: its columns with their portable kinds, and how many rows its file ({@code database/NAME.jsonl}) holds. */
    record Table(String name, List<Column> columns, long rows) {
    }

    /** @param kind int, bool, text, decimal, timestamp, timestamptz, date, uuid or bytes */
    record Column(String name, String kind) {
    }

    void write(Path dir) {
        try {
            Files.writeString(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifest read(Path dir) {
        try {
            return JSON.readValue(Files.readString(dir.resolve(FILE)), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
