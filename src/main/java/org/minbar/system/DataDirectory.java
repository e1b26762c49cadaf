package org.minbar.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The data directory ({@code MINBAR_DATA}, default {@code ./data}): database, index, media. */
@Component
public class DataDirectory {

    private final Path root;

    DataDirectory(SystemProperties properties) {
        this.root = Path.of(properties.data()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + this.root, e);
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
