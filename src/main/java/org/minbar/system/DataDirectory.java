package org.minbar.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The data directory ({@code MINBAR_DATA}, default {@code ./data}): database, index, media. */
@Component
public class DataDirectory {

    private final Path root;

    /** Where uploads being received are kept (multipart temp files: WXR files, images); emptied at start. */
    public static final String UPLOADS = "tmp/uploads";

    DataDirectory(SystemProperties properties) {
        this.root = Path.of(properties.data()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
            keepPrivate(this.root);
            Path uploads = Files.createDirectories(root.resolve(UPLOADS));
            emptyLeftUploads(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + this.root, e);
        }
    }

    /**
     * The database, the index, media and uploads are the site's alone: the directory becomes 700 and
     * what is in it 600 (700 for directories) where the file system has POSIX permissions.
     */
    private static void keepPrivate(Path root) throws IOException {
        if (!Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwx------" : "rw-------"));
            }
        }
    }

    /** Uploads a crash left half-received: nobody will finish them. */
    private static void emptyLeftUploads(Path uploads) throws IOException {
        try (Stream<Path> left = Files.walk(uploads)) {
            for (Path path : (Iterable<Path>) left.sorted(java.util.Comparator.reverseOrder())::iterator) {
                if (!path.equals(uploads)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-directory of the data directory, created when missing. */
    public Path directory(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        return dir;
    }
}
