package org.minbar.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Media files in a directory (by default {@code media/} of the data directory). A file appears under
 * its key in one step (written beside it under a hidden name, then renamed), so another node reading
 * the same shared directory never sees half an image.
 */
final class LocalMediaStorage implements MediaStorage {

    private final Path root;

    LocalMediaStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The file of a key; a key that leads outside the directory is refused. */
    Path path(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("Media key outside the media directory: " + key);
        }
        return file;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path beside = file.getParent() != null && file.getParent().equals(target.getParent()) ? file
                : Files.move(file, target.resolveSibling("." + target.getFileName() + ".part"), StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(beside, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(beside, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }
}
