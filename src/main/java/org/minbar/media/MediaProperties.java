package org.minbar.media;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Arrays;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The media library's settings, with their defaults (and nowhere else).
 *
 * @param maxUploadSize largest upload (larger gets 413); the servlet's multipart limits follow it
 * @param maxPixels largest image, in pixels (width × height), read from the header before decoding: a decompression bomb
 *        is refused unread
 * @param widths widths of the stored variants (never wider than the upload)
 * @param jpegQuality quality of JPEG variants, above 0 and at most 1
 * @param decodeTimeout longest time one image may take to decode
 * @param concurrentDecodes images decoded at the same time
 * @param decodeMemory memory that images being processed may use together, such as 96MB; an upload waits for its
 *        share, one that cannot fit it is refused (422). 0: a quarter of the heap
 * @param directory where the images are kept; empty: {@code media/} in the data directory. Several nodes mount one
 *        shared directory here (NFS, a cloud file share)
 */
@ConfigurationProperties("minbar.media")
@Validated
record MediaProperties(
        @NotNull @DefaultValue("20MB") DataSize maxUploadSize,
        @Positive(message = "must be greater than 0") @DefaultValue("50000000") long maxPixels,
        @NotEmpty(message = "must list at least one width") @DefaultValue({"320", "640", "1024", "1600"}) int[] widths,
        @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @DecimalMax(value = "1", message = "must be at most 1") @DefaultValue("0.85") float jpegQuality,
        @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("30s") Duration decodeTimeout,
        @Positive(message = "must be greater than 0") @DefaultValue("2") int concurrentDecodes,
        @NotNull @DefaultValue("0") DataSize decodeMemory,
        @NotNull @DefaultValue("") String directory) {

    static final int MAX_ALT = 500;
    static final int MAX_CAPTION = 1000;
    static final int MAX_CREDIT = 200;

    MediaProperties {
        // Bean Validation has no constraint for sizes, nor for the elements of an int[].
        if (maxUploadSize != null && maxUploadSize.toBytes() <= 0) {
            throw new IllegalArgumentException("minbar.media.max-upload-size must be larger than 0, got " + maxUploadSize);
        }
        if (decodeMemory != null && decodeMemory.toBytes() < 0) {
            throw new IllegalArgumentException("minbar.media.decode-memory must be 0 or more, got " + decodeMemory);
        }
        if (widths != null && Arrays.stream(widths).anyMatch(w -> w <= 0)) {
            throw new IllegalArgumentException("minbar.media.widths must be greater than 0, got " + Arrays.toString(widths));
        }
        widths = widths == null ? null : Arrays.stream(widths).sorted().distinct().toArray();
    }

    /** The widths, smallest first, each once. */
    @Override
    public int[] widths() {
        return widths.clone();
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
}
