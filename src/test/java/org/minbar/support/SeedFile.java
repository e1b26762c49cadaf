package org.minbar.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference page's text: from ../shared/seed when present, else the copy shipped as demo content. */
public final class SeedFile {

    /** The seed article's title, as the site shows it. */
    public static final String TITLE = "بايدن وبوتين.. والتطبيع المعتمد على تطابق المصالح القصوى";

    public static final String SHARED = "../shared/seed/000_189fae57c8dc02ff.txt";

    private SeedFile() {
    }

    public static byte[] bytes() {
        try {
            Path shared = Path.of(SHARED);
            if (Files.isRegularFile(shared)) {
                return Files.readAllBytes(shared);
            }
            try (InputStream in = SeedFile.class.getResourceAsStream("/demo/seed.txt")) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the seed in a temporary file, for commands that take a path. */
    public static Path copyTo(Path dir) {
        try {
            Path file = dir.resolve("seed.txt");
            Files.write(file, bytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
