package org.minbar.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory store of media files (the one several nodes share): put, get, exists and delete by key. */
class LocalMediaStorageTests {

    @TempDir
    Path shared;
    @TempDir
    Path elsewhere;

    @Test
    void storesAFileFromAnotherDirectoryUnderItsKeyAndDeletesIt() throws Exception {
        LocalMediaStorage storage = new LocalMediaStorage(shared);
        String key = "2026/12/7-abcdefgh-640.jpg";
        Path upload = Files.writeString(elsewhere.resolve("upload.part"), "صورة", StandardCharsets.UTF_8);
        assertThat(storage.exists(key)).isFalse();
        assertThat(storage.get(key)).isEmpty();

        storage.put(key, upload);

        assertThat(storage.exists(key)).isTrue();
        assertThat(upload).doesNotExist();
        try (InputStream in = storage.get(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("صورة");
        }
        try (var files = Files.walk(shared)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())).containsExactly("7-abcdefgh-640.jpg");
        }
        storage.delete(key);
        assertThat(storage.exists(key)).isFalse();
        storage.delete(key); // none is no error
    }

    @Test
    void refusesKeysThatLeadOutOfTheDirectory() {
        LocalMediaStorage storage = new LocalMediaStorage(shared);
        assertThatThrownBy(() -> storage.exists("../secret.jpg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.put("2026/../../x.jpg", elsewhere.resolve("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
