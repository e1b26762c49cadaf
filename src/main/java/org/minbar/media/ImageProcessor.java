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
import javax.imageio.ImageReader;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Decodes an upload safely and re-encodes it. Only pixels survive: writing a fresh image from the
 * decoded pixels is what strips EXIF (GPS included), XMP, ICC profiles and comments.
 */
@Component
class ImageProcessor implements DisposableBean {

    /** A decoded upload, turned upright (EXIF orientation applied) and in plain sRGB. */
    record Decoded(ImageFormat format, BufferedImage image, boolean transparent) {

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

    private final MediaSettings settings;
    private final Semaphore decodes;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "media-decode-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ImageProcessor(MediaSettings settings) {
        this.settings = settings;
        this.decodes = new Semaphore(settings.concurrentDecodes(), true);
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
            BufferedImage image = guardedRead(reader, name, format, width, height);
            if (orientation != null && orientation != Orientation.TOP_LEFT) {
                image = ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
            }
            boolean transparent = hasTransparentPixels(image);
            return new Decoded(format, normalize(image, transparent), transparent);
        } catch (IOException e) {
            throw corrupt(name, format, e.toString());
        } finally {
            reader.dispose();
        }
    }

    private BufferedImage guardedRead(ImageReader reader, String name, ImageFormat format, int width, int height) {
        boolean acquired;
        try {
            acquired = decodes.tryAcquire(settings.decodeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new MediaRejectedException(Reason.BUSY, "الخادم مشغول بمعالجة صور أخرى. أعد المحاولة بعد قليل.",
                    "Refused " + name + ": no decode slot free within " + settings.decodeTimeout());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort = watchdog.schedule(() -> {
            timedOut.set(true);
            reader.abort();
        }, settings.decodeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try {
            BufferedImage image = reader.read(0);
            abort.cancel(false);
            if (timedOut.get()) {
                throw corrupt(name, format, "decoding took longer than " + settings.decodeTimeout());
            }
            if (image == null || image.getWidth() != width || image.getHeight() != height) {
                throw corrupt(name, format, "decoded size differs from the header's " + width + "x" + height);
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
