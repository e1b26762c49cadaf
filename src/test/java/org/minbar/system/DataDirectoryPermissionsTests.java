package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory is the site's alone (reproduced: the H2 file was world-readable, 644 in a 755
 * directory), and uploads a crash left half-received are removed at start.
 */
class DataDirectoryPermissionsTests {

    @TempDir
    Path parent;

    @Test
    void theDirectoryAndWhatIsInItAreForTheSiteOnlyAndLeftUploadsGo() throws Exception {
        Path root = parent.resolve("data");
        Path database = Files.createDirectories(root.resolve("db")).resolve("minbar.mv.db");
        Files.writeString(database, "x");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Path left = Files.createDirectories(root.resolve(DataDirectory.UPLOADS)).resolve("upload_1.tmp");
        Files.writeString(left, "half a WXR file");

        new DataDirectory(new SystemProperties(root.toString(), null, null, null, null, null, null, "text", List.of()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("db")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
        assertThat(left).doesNotExist();
        assertThat(root.resolve(DataDirectory.UPLOADS)).isDirectory();
    }
}
