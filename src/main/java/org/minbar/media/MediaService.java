package org.minbar.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.minbar.system.KeptCopies;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import org.minbar.media.MediaRejectedException.Reason;
import org.minbar.media.MediaRepository.Row;
import org.minbar.media.MediaRepository.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The media library: stores uploaded JPEG, PNG and WebP images (checked from their bytes, stripped of
 * metadata, with responsive renditions), finds, describes and deletes them.
 */
@Service
public class MediaService {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);
    private static final Duration LEFTOVER_AGE = Duration.ofHours(1);

    private final MediaProperties settings;
    private final MediaFiles files;
    private final MediaRepository repository;
    private final ImageProcessor images;
    private final KeptCopies copies = new KeptCopies();
    private final Cache<Long, Optional<Row>> rows = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE).build();

    MediaService(MediaProperties settings, MediaFiles files, MediaRepository repository, ImageProcessor images) {
        this.settings = settings;
        this.files = files;
        this.repository = repository;
        this.images = images;
    }

    /**
     * Stores an uploaded image. Its type is judged from its bytes, not from {@code originalFilename}.
     * The files are written and moved into place before the row is inserted, and removed again if
     * anything fails, so nothing is stored when this throws.
     *
     * @throws MediaRejectedException when the upload is empty, too large, not JPEG/PNG/WebP, has too
     *         many pixels, or cannot be decoded
     */
    public MediaItem store(InputStream bytes, String originalFilename, String uploadedBy) {
        String name = MediaFiles.cleanFilename(originalFilename);
        MediaFiles.Received received;
        try {
            received = files.receive(bytes, settings.maxUploadSize().toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot receive the upload " + name, e);
        }
        if (received.size() < 0) {
            MediaRejectedException e = tooLarge(name);
            log.info("{} (uploaded by {})", e.getMessage(), uploadedBy);
            throw e;
        }
        try {
            if (received.size() == 0) {
                throw new MediaRejectedException(Reason.EMPTY, "الملف فارغ. اختر صورة ثم أعد المحاولة.",
                        "Refused " + name + ": empty file");
            }
            try (ImageProcessor.Decoded decoded = images.decode(received.file(), name)) {
                return place(decoded, name, uploadedBy == null ? "" : uploadedBy, received.size());
            }
        } catch (MediaRejectedException e) {
            log.info("{} (uploaded by {})", e.getMessage(), uploadedBy);
            throw e;
        } finally {
            files.deleteQuietly(received.file());
        }
    }

    MediaRejectedException tooLarge(String name) {
        return new MediaRejectedException(Reason.TOO_LARGE,
                "حجم الملف أكبر من الحد المسموح (" + settings.maxUploadSizeLabel() + "). صغّر الصورة ثم أعد رفعها.",
                "Refused " + name + ": larger than " + settings.maxUploadSize());
    }

    private MediaItem place(ImageProcessor.Decoded decoded, String name, String uploadedBy, long uploadSize) {
        long id = repository.nextId();
        // Microseconds: what both databases keep, so the returned item equals the stored one.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String base = files.newBase(id, now);
        boolean png = decoded.transparent();
        String extension = decoded.extension();
        Map<Path, String> finished = new LinkedHashMap<>();
        List<Path> created = new ArrayList<>();
        List<Size> sizes = new ArrayList<>();
        try {
            Path temporary;
            Path widest = null;
            if (decoded.width() > largestWidth()) {
                // Kept (metadata stripped) for later crops at the decoded size: full size up to twice the
                // widest rendition, subsampled beyond. Readers get the renditions.
                Path original = files.file(base, "original", extension);
                temporary = files.temporaryFor(original);
                created.add(temporary);
                images.write(decoded.image(), png, temporary);
                finished.put(temporary, MediaFiles.key(base, "original", extension));
            }
            for (int width : renditionWidths(decoded.width())) {
                BufferedImage scaled = images.resize(decoded.image(), width);
                Path target = files.file(base, Integer.toString(scaled.getWidth()), extension);
                temporary = files.temporaryFor(target);
                created.add(temporary);
                images.write(scaled, png, temporary);
                finished.put(temporary, MediaFiles.key(base, Integer.toString(scaled.getWidth()), extension));
                widest = temporary; // the renditions are written narrowest first
                sizes.add(new Size(scaled.getWidth(), scaled.getHeight()));
            }
            long largestSize = Files.size(widest);
            for (Map.Entry<Path, String> move : finished.entrySet()) {
                files.storage().put(move.getValue(), move.getKey());
                created.add(files.file(move.getValue()));
            }
            Row row = new Row(id, base, extension, decoded.mimeType(), sizes, decoded.width(), decoded.height(),
                    largestSize, null, null, null, name, uploadedBy, now);
            repository.insert(row);
            rowChanged(row.id());
            log.info("Stored media {} from {} ({}, {} bytes, {}x{}{} as {}, widths {}) uploaded by {}", id, name,
                    decoded.format(), uploadSize, decoded.sourceWidth(), decoded.sourceHeight(),
                    decoded.sourceWidth() == decoded.width() && decoded.sourceHeight() == decoded.height() ? ""
                            : " decoded at " + decoded.width() + "x" + decoded.height(),
                    extension, sizes.stream().map(Size::width).toList(), uploadedBy);
            return item(row);
        } catch (IOException | RuntimeException e) {
            created.forEach(files::deleteQuietly);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot store media " + id + " from " + name, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The configured widths narrower than the image, and the image's own width unless it is wider than them all. */
    List<Integer> renditionWidths(int imageWidth) {
        List<Integer> widths = new ArrayList<>();
        for (int width : settings.widths()) {
            if (width < imageWidth) {
                widths.add(width);
            }
        }
        if (imageWidth <= largestWidth()) {
            widths.add(imageWidth);
        }
        return widths;
    }

    private int largestWidth() {
        int[] configured = settings.widths();
        return configured[configured.length - 1];
    }

    public Optional<MediaItem> find(long id) {
        return row(id).map(MediaService::item);
    }

    /** Rows are kept in memory for the reader pages (lead pictures), dropped when described, deleted or stored. */
    private Optional<Row> row(long id) {
        return copies.kept(() -> rows.getIfPresent(id), () -> repository.find(id), row -> rows.put(id, row));
    }

    private void rowChanged(long id) {
        copies.changed(() -> rows.invalidate(id));
    }

    /** The item whose rendition or original is at {@code url} ({@code /media/2026/11/7-k3f9x2ab-640.jpg}), if any. */
    public Optional<MediaItem> findByUrl(String url) {
        if (url == null || !url.startsWith("/media/")) {
            return Optional.empty();
        }
        Matcher served = MediaFiles.SERVED.matcher(url.substring("/media/".length()));
        if (!served.matches()) {
            return Optional.empty();
        }
        String base = served.group(1) + "/" + served.group(2) + "/" + served.group(3) + "-" + served.group(4);
        return row(Long.parseLong(served.group(3))).filter(row -> row.base().equals(base))
                .map(MediaService::item);
    }

    /**
     * Newest first. A non-blank {@code query} keeps the items whose file name, alt text, caption or
     * credit contain it. {@code limit} is capped at 100.
     */
    public List<MediaItem> recent(String query, int limit, int offset) {
        String q = query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
        if (q != null && q.length() > 200) {
            q = q.substring(0, 200);
        }
        return repository.recent(q, Math.max(1, Math.min(limit, 100)), Math.max(0, offset)).stream()
                .map(MediaService::item).toList();
    }

    /**
     * Sets the alt text, caption and credit (plain text: control characters and runs of spaces become
     * one space, ends trimmed, blank becomes none). Stored as written, so escape it on output.
     *
     * @throws MediaRejectedException when a text is longer than allowed (500, 1000, 200 characters)
     * @throws NoSuchElementException when there is no such item
     */
    public MediaItem describe(long id, String alt, String caption, String credit) {
        String cleanAlt = plain(alt, MediaProperties.MAX_ALT, "النص البديل", "alt text");
        String cleanCaption = plain(caption, MediaProperties.MAX_CAPTION, "التعليق", "caption");
        String cleanCredit = plain(credit, MediaProperties.MAX_CREDIT, "الحقوق", "credit");
        boolean described = repository.describe(id, cleanAlt, cleanCaption, cleanCredit);
        rowChanged(id);
        if (!described) {
            throw new NoSuchElementException("No media item " + id);
        }
        return find(id).orElseThrow(() -> new NoSuchElementException("No media item " + id));
    }

    /** Deletes the item's row, then its files. Deleting a missing item does nothing. */
    public void delete(long id) {
        Optional<Row> found = repository.find(id);
        if (found.isEmpty() || !repository.delete(id)) {
            return;
        }
        rowChanged(id);
        Row row = found.get();
        files.deleteQuietly(MediaFiles.key(row.base(), "original", row.extension()));
        for (Size size : row.renditions()) {
            files.deleteQuietly(MediaFiles.key(row.base(), Integer.toString(size.width()), row.extension()));
        }
        log.info("Deleted media {} ({})", id, row.originalFilename());
    }

    /** Removes what interrupted uploads left, when the site starts ({@link MediaSweepAtStart}). */
    void sweepAtStart() {
        try {
            int deleted = sweep(LEFTOVER_AGE);
            if (deleted > 0) {
                log.info("Removed {} media file(s) left over by an interrupted upload", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Could not sweep the media directory: {}", e.toString());
        }
    }

    /** Deletes temporary files and files without a row, older than {@code olderThan}. */
    int sweep(Duration olderThan) {
        return files.sweep(repository.ids(), olderThan);
    }

    static String plain(String text, int max, String arabicName, String englishName) {
        if (text == null) {
            return null;
        }
        // CleanText then takes what the control class leaves: U+FFFE, U+FFFF and lone surrogates, which XML does not allow.
        String clean = org.minbar.system.CleanText.title(text.replaceAll("[\\u202A-\\u202E\\u2066-\\u2069]", "")
                .replaceAll("[\\p{Cc}\\s\\p{Z}]+", " ")).strip();
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.length() > max) {
            throw new MediaRejectedException(Reason.TEXT_TOO_LONG,
                    arabicName + " أطول من المسموح (" + max + " حرفاً على الأكثر).",
                    "Refused description: " + englishName + " has " + clean.length() + " characters, over " + max);
        }
        return clean;
    }

    private static MediaItem item(Row row) {
        List<MediaItem.Rendition> renditions = row.renditions().stream()
                .map(size -> new MediaItem.Rendition(size.width(), size.height(),
                        MediaFiles.url(row.base(), Integer.toString(size.width()), row.extension())))
                .toList();
        MediaItem.Rendition largest = renditions.get(renditions.size() - 1);
        return new MediaItem(row.id(), largest.url(), largest.width(), largest.height(), row.mimeType(), row.bytes(),
                row.alt(), row.caption(), row.credit(), row.originalFilename(), row.uploadedBy(), row.uploadedAt(),
                renditions, row.originalWidth() > largest.width()
                        ? MediaFiles.url(row.base(), "original", row.extension()) : largest.url(),
                row.originalWidth(), row.originalHeight());
    }

    /** The upload limit as the newsroom reads it ("20 ميغابايت"). */
    String maxUploadSizeLabel() {
        return settings.maxUploadSizeLabel();
    }
}
