package org.minbar.media;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/** The image types the library accepts, recognised from their first bytes (never from the name). */
enum ImageFormat {

    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp");

    /** Enough bytes for every signature below. */
    static final int HEAD_LENGTH = 16;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    final String mimeType;

    ImageFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    static Optional<ImageFormat> sniff(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (head.length >= 16 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")
                && ascii(head, 12, 3).equals("VP8")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * A reader for exactly this format: the decoder is chosen by the sniffed type, so no other
     * ImageIO plugin on the class path (SVG, TIFF, BMP...) is ever handed an upload.
     */
    ImageReader newReader() {
        if (this == WEBP) {
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mimeType);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + mimeType);
        }
        return readers.next();
    }

    /** What an unsupported file looks like, for the log: "starts with '<?xml vers'" or hex. */
    static String describe(byte[] head) {
        if (head.length == 0) {
            return "no bytes";
        }
        boolean printable = true;
        for (byte b : head) {
            printable &= (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t';
        }
        if (printable) {
            return "text starting with '" + new String(head, StandardCharsets.US_ASCII).strip() + "'";
        }
        StringBuilder hex = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(8, head.length); i++) {
            hex.append(String.format(" %02x", head[i] & 0xff));
        }
        return hex.toString();
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int offset, int length) {
        return new String(head, offset, length, StandardCharsets.US_ASCII);
    }
}
