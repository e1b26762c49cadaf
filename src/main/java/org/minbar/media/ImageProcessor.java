package org.minbar.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.minbar.media.MediaRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Decodes an upload safely and re-encodes it. Only pixels survive: writing a fresh image from the
 * decoded pixels is what strips EXIF (GPS included), XMP, ICC profiles and comments.
 */
@Component
class ImageProcessor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImageProcessor.class);

    /**
     * A decoded upload, turned upright (EXIF orientation applied) and in plain sRGB, at most about
     * twice as wide as the widest rendition (decoded subsampled when the upload is wider). It holds
     * its share of the decode memory budget until closed: close it once its files are written.
     */
    record Decoded(ImageFormat format, BufferedImage image, boolean transparent, int sourceWidth, int sourceHeight,
            Runnable release) implements AutoCloseable {

        @Override
        public void close() {
            release.run();
        }

        int width() {
            return image.getWidth();
        }

        int height() {
            return image.getHeight();
        }

        /** JPEG for photos, PNG when the image has transparent pixels (ImageIO cannot write WebP). */
        String extension() {
            return transparent ? "png" : "jpg";
        }

        String mimeType() {
            return transparent ? "image/png" : "image/jpeg";
        }
    }

    /** Bytes a decode is charged per decoded pixel on top of its decoder's own: one working copy (ARGB). */
    private static final int WORKING_COPY_BYTES = 4;
    private static final long KIB = 1024;

    private final MediaProperties settings;
    private final Semaphore decodes;
    /** The decode memory budget in KiB, shared by every image from its decode until its files are written. */
    private final Semaphore memory;
    private final long budgetKib;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "media-decode-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ImageProcessor(MediaProperties settings) {
        this.settings = settings;
        this.decodes = new Semaphore(settings.concurrentDecodes(), true);
        long budget = settings.decodeMemory().toBytes() > 0 ? settings.decodeMemory().toBytes() : Runtime.getRuntime().maxMemory() / 4;
        this.budgetKib = Math.max(1, Math.min(Integer.MAX_VALUE, budget / KIB));
        this.memory = new Semaphore((int) budgetKib, true);
        log.info("Images being processed may use up to {} MB together (minbar.media.decode-memory; heap {} MB)",
                budgetKib / KIB, Runtime.getRuntime().maxMemory() / (KIB * KIB));
        ImageIO.setUseCache(false);
    }

    /**
     * Reads the image in {@code file}: its type from its first bytes, its dimensions from its header
     * (refused above the pixel limit before any pixel is decoded), then its pixels, at most
     * {@code concurrent-decodes} at a time and for at most {@code decode-timeout}.
     */
    Decoded decode(Path file, String name) {
        byte[] head = head(file);
        ImageFormat format = ImageFormat.sniff(head).orElseThrow(() -> new MediaRejectedException(Reason.UNSUPPORTED_TYPE,
                "نوع الملف غير مدعوم: تُقبل صور JPEG وPNG وWebP فقط.",
                "Refused " + name + ": not JPEG, PNG or WebP (" + ImageFormat.describe(head) + ")"));
        ImageReader reader = format.newReader();
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in, false, format != ImageFormat.JPEG);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, format, "unreadable header: " + e);
            }
            if (width <= 0 || height <= 0) {
                throw corrupt(name, format, "dimensions " + width + "x" + height);
            }
            if ((long) width * height > settings.maxPixels()) {
                throw new MediaRejectedException(Reason.TOO_MANY_PIXELS,
                        "أبعاد الصورة كبيرة جداً (" + width + "×" + height + "). الحد الأقصى " + megapixels(settings.maxPixels())
                                + " ميغابكسل: صغّر الصورة ثم أعد رفعها.",
                        "Refused " + name + ": " + format + " header says " + width + "x" + height + ", over "
                                + settings.maxPixels() + " pixels (possible decompression bomb)");
            }
            Orientation orientation = format == ImageFormat.JPEG ? orientation(reader) : null;
            boolean turned = orientation == Orientation.LEFT_TOP || orientation == Orientation.RIGHT_TOP
                    || orientation == Orientation.RIGHT_BOTTOM || orientation == Orientation.LEFT_BOTTOM;
            Plan plan = plan(reader, name, format, width, height, turned ? height : width, fullSizeBytesWhenSubsampled(format, head));
            long deadline = System.nanoTime() + settings.decodeTimeout().toNanos();
            acquire(memory, plan.kib(), deadline, name, "no decode memory free (" + plan.kib() / KIB + " MB wanted, budget "
                    + budgetKib / KIB + " MB)");
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    memory.release((int) plan.kib());
                }
            };
            try {
                BufferedImage image = guardedRead(reader, name, format, plan, deadline);
                if (orientation != null && orientation != Orientation.TOP_LEFT) {
                    image = ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
                }
                boolean transparent = hasTransparentPixels(image);
                return new Decoded(format, normalize(image, transparent), transparent, width, height, release);
            } catch (RuntimeException | Error e) {
                release.run();
                throw e;
            }
        } catch (IOException e) {
            throw corrupt(name, format, e.toString());
        } finally {
            reader.dispose();
        }
    }

    /**
     * How to decode: every {@code subsampling}-th pixel of every {@code subsampling}-th row, and what
     * that costs in KiB of the budget.
     */
    record Plan(int subsampling, int width, int height, long kib) {
    }

    /**
     * Subsampled so that the decoded image is at most twice as wide as the widest rendition (enough
     * for a sharp downscale, and the decoders then never hold the full-size pixels); more if that
     * still does not fit the budget, as long as the widest rendition can still be made. Refused
     * when even that does not fit.
     */
    private Plan plan(ImageReader reader, String name, ImageFormat format, int width, int height, int uprightWidth,
            int fullSizeBytes) {
        int[] widths = settings.widths();
        int widest = widths[widths.length - 1];
        int subsampling = Math.max(1, ceilDiv(uprightWidth, 2 * widest));
        int widestUseful = Math.max(subsampling, uprightWidth / widest);
        int bytesPerPixel = decodedBytesPerPixel(reader) + WORKING_COPY_BYTES;
        Plan plan = null;
        for (int s = subsampling; s <= widestUseful; s++) {
            int w = ceilDiv(width, s);
            int h = ceilDiv(height, s);
            long bytes = (long) w * h * bytesPerPixel + (s > 1 ? (long) width * height * fullSizeBytes : 0);
            plan = new Plan(s, w, h, ceilDiv(bytes, KIB));
            if (plan.kib() <= budgetKib) {
                return plan;
            }
        }
        throw new MediaRejectedException(Reason.TOO_BIG_TO_PROCESS,
                "الصورة (" + width + "×" + height + ") أكبر مما يتّسع له الخادم لمعالجتها الآن. صغّر أبعادها ثم أعد رفعها.",
                "Refused " + name + ": " + format + " " + width + "x" + height + " needs about " + ceilDiv(plan.kib(), KIB)
                        + " MB to decode even at 1/" + plan.subsampling() + " (" + plan.width() + "x" + plan.height()
                        + "), over the decode memory budget of " + budgetKib / KIB + " MB (minbar.media.decode-memory)");
    }

    /**
     * Bytes per pixel of the full-size image that a decoder holds anyway when asked to subsample.
     * The JDK's JPEG and PNG readers and the WebP lossy decoder subsample row by row, but the
     * TwelveMonkeys WebP lossless decoder ({@code VP8L}, also used for alpha in {@code VP8X}) decodes
     * the whole image into a full-size ARGB raster first (plus a one-byte alpha plane).
     */
    private static int fullSizeBytesWhenSubsampled(ImageFormat format, byte[] head) {
        boolean simpleLossy = head.length >= 16 && head[15] == ' ';
        return format == ImageFormat.WEBP && !simpleLossy ? 5 : 0;
    }

    /** What the decoder's image takes per pixel: 3 or 4 bytes for 8-bit images, 6 or 8 for 16-bit PNGs. */
    private static int decodedBytesPerPixel(ImageReader reader) {
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            if (raw != null) {
                return Math.max(4, (raw.getColorModel().getPixelSize() + 7) / 8);
            }
        } catch (IOException | RuntimeException e) {
            // unknown: charge as 16-bit RGBA
        }
        return 8;
    }

    private void acquire(Semaphore semaphore, long permits, long deadline, String name, String what) {
        boolean acquired;
        try {
            acquired = semaphore.tryAcquire((int) permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new MediaRejectedException(Reason.BUSY, "الخادم مشغول بمعالجة صور أخرى. أعد المحاولة بعد قليل.",
                    "Refused " + name + ": " + what + " within " + settings.decodeTimeout());
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private BufferedImage guardedRead(ImageReader reader, String name, ImageFormat format, Plan plan, long deadline) {
        acquire(decodes, 1, deadline, name, "no decode slot free");
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort = watchdog.schedule(() -> {
            timedOut.set(true);
            reader.abort();
        }, settings.decodeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            if (plan.subsampling() > 1) {
                param.setSourceSubsampling(plan.subsampling(), plan.subsampling(), 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            abort.cancel(false);
            if (timedOut.get()) {
                throw corrupt(name, format, "decoding took longer than " + settings.decodeTimeout());
            }
            if (image == null || image.getWidth() != plan.width() || image.getHeight() != plan.height()) {
                throw corrupt(name, format, "decoded size differs from the header's " + plan.width() + "x" + plan.height()
                        + " (1/" + plan.subsampling() + ")");
            }
            for (String warning : warnings) {
                String lower = warning.toLowerCase(Locale.ROOT);
                if (lower.contains("truncated") || lower.contains("premature end") || lower.contains("huffman")) {
                    throw corrupt(name, format, "decoder warning: " + warning);
                }
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaRejectedException rejected) {
                throw rejected;
            }
            // The JDK's PNG reader wraps any Throwable, OutOfMemoryError included, in an IIOException:
            // that is the heap, not a damaged file, and must neither be called corrupt nor hidden.
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof OutOfMemoryError oom) {
                    throw oom;
                }
            }
            throw corrupt(name, format, e.toString());
        } finally {
            abort.cancel(false);
            decodes.release();
        }
    }

    private static Orientation orientation(ImageReader reader) {
        try {
            return ExifUtils.getExifOrientation(reader, 0);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable EXIF: keep the pixels as they are
        }
    }

    /** Scaled to {@code width} (never wider than the image), keeping the aspect ratio. */
    BufferedImage resize(BufferedImage image, int width) {
        if (width >= image.getWidth()) {
            return image;
        }
        int height = (int) Math.max(1, Math.round((double) image.getHeight() * width / image.getWidth()));
        try {
            return Thumbnails.of(image).forceSize(width, height).imageType(image.getType()).asBufferedImage();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot resize an image to " + width + " px", e);
        }
    }

    /** Writes a fresh file from pixels only: no metadata of the upload can follow. */
    void write(BufferedImage image, boolean png, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target);
                ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriter writer = writer(png ? "image/png" : "image/jpeg");
            try {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (!png) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(settings.jpegQuality());
                    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
                }
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        }
    }

    private static ImageWriter writer(String mimeType) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(mimeType);
        if (!writers.hasNext()) {
            throw new IllegalStateException("No ImageIO writer for " + mimeType);
        }
        return writers.next();
    }

    /**
     * Plain sRGB, 8 bits per channel, with alpha only when some pixel needs it: drops embedded colour
     * profiles and odd layouts (grey, indexed, 16-bit) so that every writer takes the image.
     */
    private static BufferedImage normalize(BufferedImage image, boolean transparent) {
        int type = transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        boolean usable = transparent ? image.getType() == type
                : image.getType() == type || image.getType() == BufferedImage.TYPE_3BYTE_BGR;
        if (usable && image.getColorModel().getColorSpace().isCS_sRGB()) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = copy.createGraphics();
        try {
            if (!transparent) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    private static boolean hasTransparentPixels(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        int width = image.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int argb : row) {
                if ((argb >>> 24) != 0xff) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ImageFormat.HEAD_LENGTH);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the uploaded file " + file, e);
        }
    }

    private static MediaRejectedException corrupt(String name, ImageFormat format, String detail) {
        return new MediaRejectedException(Reason.CORRUPT, "تعذّرت قراءة الصورة: الملف تالف أو غير مكتمل.",
                "Refused " + name + ": " + format + " cannot be decoded (" + detail + ")");
    }

    private static String megapixels(long pixels) {
        return pixels % 1_000_000 == 0 ? Long.toString(pixels / 1_000_000)
                : String.format(Locale.ROOT, "%.1f", pixels / 1_000_000.0);
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }
}
