package org.minbar.site;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * The content codings reader pages are sent in: brotli (at quality 5, 4-7% smaller than gzip's default
 * level on Minbar's pages) when the reader takes it and the native encoder loads on this platform,
 * else gzip, else none.
 */
final class Compression {

    private static final Logger log = LoggerFactory.getLogger(Compression.class);

    /** A content coding, by its name in Accept-Encoding and Content-Encoding. */
    enum Coding {
        IDENTITY(null), GZIP("gzip"), BROTLI("br");

        final String token;

        Coding(String token) {
            this.token = token;
        }
    }

    /**
     * Quality 5 for a kept copy: compressed once per version, in about the time gzip's default level
     * takes, for most of brotli's gain (11 is ten times slower for a few per cent more).
     */
    private static final int KEPT_QUALITY = 5;

    static final boolean BROTLI_AVAILABLE = loadBrotli();

    private Compression() {
    }

    private static boolean loadBrotli() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError on a platform without a native build
            log.warn("Brotli is not available on this platform ({}); pages are sent gzipped", e.toString());
            return false;
        }
    }

    /** The kept copy's brotli bytes, or null when brotli is not available. */
    static byte[] brotli(byte[] body) {
        if (!BROTLI_AVAILABLE) {
            return null;
        }
        try {
            return Encoder.compress(body, new Encoder.Parameters().setQuality(KEPT_QUALITY).setMode(Encoder.Mode.TEXT));
        } catch (IOException | RuntimeException e) {
            log.warn("Brotli failed on a page of {} bytes; it is sent gzipped", body.length, e);
            return null;
        }
    }

    /**
     * gzip at {@code level}: a kept copy at the default level, an answer rendered for one reader only
     * (an editor, an error) at the fastest. Arabic pages take 1.3 ms at the default level (what
     * Tomcat's own compression uses, not adjustable), 0.3 ms at the fastest, for a quarter more bytes.
     */
    static byte[] gzip(byte[] body, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 8192) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The coding to send: brotli when offered and {@code brotli} is there, else gzip when taken, else none. */
    static Coding choose(HttpServletRequest request, boolean brotli) {
        String accept = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (brotli && accepts(accept, "br", false)) {
            return Coding.BROTLI;
        }
        return accepts(accept, "gzip", true) ? Coding.GZIP : Coding.IDENTITY;
    }

    /**
     * Whether Accept-Encoding takes {@code coding} with a weight above 0; {@code orAny}: * counts
     * (for gzip, which every client decodes; brotli only when named).
     */
    static boolean accepts(String accept, String coding, boolean orAny) {
        if (accept == null) {
            return false;
        }
        for (String offered : accept.split(",")) {
            String[] parts = offered.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if (name.equals(coding) || (orAny && name.equals("*"))) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
                    if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
