package org.minbar.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.minbar.system.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where media files live: {@code MINBAR_DATA/media/2026/11/123-k3f9x2ab-640.jpg}. The random part
 * keeps the address of an image uploaded for an unpublished story from being guessed from its id;
 * a name is never reused, so the files can be cached forever.
 */
@Component
class MediaFiles {

    private static final Logger log = LoggerFactory.getLogger(MediaFiles.class);

    /** The only relative paths ever served under /media/. */
    static final Pattern SERVED = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{1,18})-([a-z0-9]{8})-(\\d{1,5}|original)\\.(jpg|png)");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPLOAD_PREFIX = "media-upload-";

    private final SecureRandom random = new SecureRandom();
    private final LocalMediaStorage storage;
    private final Path root;
    private final Path incoming;

    MediaFiles(DataDirectory data, MediaProperties properties) {
        this.root = properties.directory().isBlank() ? data.directory("media") : shared(properties.directory());
        this.storage = new LocalMediaStorage(root);
        this.incoming = data.directory("tmp");
    }

    private static Path shared(String directory) {
        Path dir = Path.of(directory).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the media directory " + dir + " (minbar.media.directory)", e);
        }
        return dir;
    }

    /** Where the files are stored, by key. */
    MediaStorage storage() {
        return storage;
    }

    /** The key of one file of an item: its path under {@code /media/}. */
    static String key(String base, String suffix, String extension) {
        return base + "-" + suffix + "." + extension;
    }

    Path root() {
        return root;
    }

    /** A new base name for item {@code id}: {@code 2026/11/123-k3f9x2ab}. */
    String newBase(long id, Instant uploadedAt) {
        StringBuilder token = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return MONTH.format(uploadedAt) + "/" + id + "-" + token;
    }

    static String url(String base, String suffix, String extension) {
        return "/media/" + base + "-" + suffix + "." + extension;
    }

    Path file(String base, String suffix, String extension) {
        return file(key(base, suffix, extension));
    }

    Path file(String key) {
        return storage.path(key);
    }

    /** A hidden temporary name beside {@code target}, so that the final move is atomic. */
    Path temporaryFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + ".part");
    }

    /** Moves a finished temporary file to its final name in one step. */
    static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
    }

    /** The upload copied to a temporary file; {@code size} is -1 when it went over {@code limit}. */
    record Received(Path file, long size) {
    }

    /** Copies an upload to a temporary file, reading at most one byte more than {@code limit}. */
    Received receive(InputStream bytes, long limit) throws IOException {
        Path file = Files.createTempFile(incoming, UPLOAD_PREFIX, ".part");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = bytes.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    out.close();
                    deleteQuietly(file);
                    return new Received(null, -1);
                }
                out.write(buffer, 0, n);
            }
            return new Received(file, total);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Deletes a stored file; a failure is logged (a file left behind is swept at a later start). */
    void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            log.warn("Could not delete media file {}: {}", key, e.toString());
        }
    }

    void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    /**
     * Deletes what a crash can leave behind: temporary files, and files of items that have no row
     * (moved into place, then the process died before the insert). Only files older than
     * {@code olderThan}, so that uploads in progress (on this or another node) are left alone.
     */
    int sweep(Set<Long> knownIds, Duration olderThan) {
        Instant before = Instant.now().minus(olderThan);
        int deleted = 0;
        for (Path dir : List.of(root, incoming)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String name = file.getFileName().toString();
                    boolean leftover;
                    if (dir.equals(incoming)) {
                        leftover = name.startsWith(UPLOAD_PREFIX);
                    } else if (name.endsWith(".part")) {
                        leftover = true;
                    } else {
                        Matcher served = SERVED.matcher(root.relativize(file).toString().replace('\\', '/'));
                        leftover = served.matches() && !knownIds.contains(Long.parseLong(served.group(3)));
                    }
                    if (leftover && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                        deleteQuietly(file);
                        deleted++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot sweep " + dir, e);
            }
        }
        return deleted;
    }

    /** The upload's name as shown in the library: no directories, no control characters, at most 255 characters. */
    static String cleanFilename(String name) {
        if (name == null) {
            return "image";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        base = org.minbar.system.CleanText.title(base).replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069]", "").strip();
        if (base.length() > 255) {
            base = base.substring(0, Character.isHighSurrogate(base.charAt(254)) ? 254 : 255);
        }
        return base.isEmpty() ? "image" : base;
    }
}
