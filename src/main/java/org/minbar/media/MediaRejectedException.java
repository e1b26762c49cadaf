package org.minbar.media;

/**
 * An upload or a description the media library refused; nothing was stored. {@link #getMessage()} is
 * English for the log, {@link #readerMessage()} Arabic for the newsroom.
 */
public class MediaRejectedException extends RuntimeException {

    /** Why it was refused. */
    public enum Reason {
        /** The file has no bytes. */
        EMPTY,
        /** The file is over {@code minbar.media.max-upload-size}. */
        TOO_LARGE,
        /** The bytes are not JPEG, PNG or WebP (whatever the file's name says). */
        UNSUPPORTED_TYPE,
        /** The image's dimensions are over {@code minbar.media.max-pixels} (a decompression bomb, or just too big). */
        TOO_MANY_PIXELS,
        /**
         * Decoding the image would need more memory than {@code minbar.media.decode-memory}, even
         * subsampled (a very tall or very large narrow image).
         */
        TOO_BIG_TO_PROCESS,
        /** The bytes look like an image but cannot be decoded: truncated or corrupt. */
        CORRUPT,
        /** Alt text, caption or credit is longer than allowed. */
        TEXT_TOO_LONG,
        /** Too many images are being processed at once; try again shortly. */
        BUSY
    }

    private final Reason reason;
    private final String readerMessage;

    public MediaRejectedException(Reason reason, String readerMessage, String logMessage) {
        super(logMessage);
        this.reason = reason;
        this.readerMessage = readerMessage;
    }

    public Reason reason() {
        return reason;
    }

    /** The Arabic explanation shown to the newsroom user. */
    public String readerMessage() {
        return readerMessage;
    }
}
