package org.minbar.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the media library's files live, by key ({@code 2026/11/123-k3f9x2ab-640.jpg}, the path under
 * {@code /media/}). {@link LocalMediaStorage} keeps them in a directory, which several nodes share by
 * mounting the same one ({@code minbar.media.directory}); a store for S3-compatible object storage
 * implements the same four operations (and serves {@code /media/} itself or through its CDN).
 */
interface MediaStorage {

    /** Stores a finished file under {@code key}, taking it (it is moved, not copied, where it can be). */
    void put(String key, Path file) throws IOException;

    /** The stored bytes, if any. */
    Optional<InputStream> get(String key) throws IOException;

    boolean exists(String key);

    /** Removes the file; none is no error. */
    void delete(String key) throws IOException;
}
