package org.minbar.media;

import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** The {@code minbar.media.*} settings. */
@Component
class MediaSettings {

    static final int MAX_ALT = 500;
    static final int MAX_CAPTION = 1000;
    static final int MAX_CREDIT = 200;

    private final DataSize maxUploadSize;
    private final long maxPixels;
    private final int[] widths;
    private final float jpegQuality;
    private final Duration decodeTimeout;
    private final int concurrentDecodes;
    private final DataSize decodeMemory;

    MediaSettings(@Value("${minbar.media.max-upload-size:20MB}") DataSize maxUploadSize,
            @Value("${minbar.media.max-pixels:50000000}") long maxPixels,
            @Value("${minbar.media.widths:320,640,1024,1600}") int[] widths,
            @Value("${minbar.media.jpeg-quality:0.85}") float jpegQuality,
            @Value("${minbar.media.decode-timeout:30s}") Duration decodeTimeout,
            @Value("${minbar.media.concurrent-decodes:2}") int concurrentDecodes,
            @Value("${minbar.media.decode-memory:0}") DataSize decodeMemory) {
        if (maxUploadSize.toBytes() <= 0 || maxPixels <= 0 || widths.length == 0 || jpegQuality <= 0 || jpegQuality > 1
                || concurrentDecodes < 1 || decodeMemory.toBytes() < 0) {
            throw new IllegalArgumentException("Invalid minbar.media settings");
        }
        this.maxUploadSize = maxUploadSize;
        this.maxPixels = maxPixels;
        this.widths = Arrays.stream(widths).filter(w -> w > 0).sorted().distinct().toArray();
        this.jpegQuality = jpegQuality;
        this.decodeTimeout = decodeTimeout;
        this.concurrentDecodes = concurrentDecodes;
        this.decodeMemory = decodeMemory;
    }

    DataSize maxUploadSize() {
        return maxUploadSize;
    }

    /** The size limit as the newsroom reads it: "20 ميغابايت". */
    String maxUploadSizeLabel() {
        long bytes = maxUploadSize.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " ميغابايت";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " كيلوبايت";
        }
        return bytes + " بايت";
    }

    long maxPixels() {
        return maxPixels;
    }

    int[] widths() {
        return widths.clone();
    }

    float jpegQuality() {
        return jpegQuality;
    }

    Duration decodeTimeout() {
        return decodeTimeout;
    }

    int concurrentDecodes() {
        return concurrentDecodes;
    }

    /** Memory that images being processed may use together; 0: a quarter of the heap. */
    DataSize decodeMemory() {
        return decodeMemory;
    }
}
