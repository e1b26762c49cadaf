package org.minbar.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.minbar.media.MediaFixtures.contains;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.minbar.media.MediaRejectedException.Reason;
import org.minbar.system.DataDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the media library must do with real images, real files and a real database. Runs once on H2
 * and once on real PostgreSQL (see the two subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "minbar.demo.load-on-first-start=false")
abstract class MediaStoreContract {

    @Autowired
    MediaService media;

    @Autowired
    MediaProperties settings;

    @Autowired
    MediaFiles files;

    @Autowired
    MediaRepository repository;

    @Autowired
    ImageProcessor images;

    @Autowired
    DataDirectory data;

    @Autowired
    JdbcClient jdbc;

    private MediaItem store(byte[] bytes, String name) {
        return media.store(new ByteArrayInputStream(bytes), name, "sara");
    }

    private Path file(String url) {
        assertThat(url).startsWith("/media/");
        return data.root().resolve(url.substring(1));
    }

    private byte[] bytes(String url) {
        try {
            return Files.readAllBytes(file(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BufferedImage image(String url) {
        try {
            return ImageIO.read(file(url).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long filesUnder(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long rows() {
        return jdbc.sql("select count(*) from media_item").query(Long.class).single();
    }

    /** Stores nothing: no row, no file under media/, no temporary upload left. */
    private MediaRejectedException refusedLeavingNothing(Supplier<InputStream> upload, String name, Reason reason) {
        long rowsBefore = rows();
        long filesBefore = filesUnder(files.root());
        MediaRejectedException refused = catchThrowableOfType(MediaRejectedException.class,
                () -> media.store(upload.get(), name, "sara"));
        assertThat(refused).as(name + " must be refused").isNotNull();
        assertThat(refused.reason()).as(name + ": " + refused.getMessage()).isEqualTo(reason);
        assertThat(refused.readerMessage()).matches(".*[\\u0600-\\u06FF].*");
        assertThat(refused.getMessage()).startsWith("Refused ");
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(filesUnder(files.root())).isEqualTo(filesBefore);
        assertThat(filesUnder(data.root().resolve("tmp"))).isZero();
        return refused;
    }

    private MediaRejectedException refusedLeavingNothing(byte[] bytes, String name, Reason reason) {
        return refusedLeavingNothing(() -> new ByteArrayInputStream(bytes), name, reason);
    }

    @Test
    void storesAJpegWithRenditionsAtTheConfiguredWidthsAndASrcset() {
        MediaItem item = store(MediaFixtures.jpeg(2000, 1000), "صورة-الحدث.jpg");

        assertThat(item.renditions()).extracting(MediaItem.Rendition::width).containsExactly(320, 640, 1024, 1600);
        assertThat(item.renditions()).extracting(MediaItem.Rendition::height).containsExactly(160, 320, 512, 800);
        assertThat(item.url()).matches("/media/\\d{4}/\\d{2}/" + item.id() + "-[a-z0-9]{8}-1600\\.jpg");
        assertThat(item.width()).isEqualTo(1600);
        assertThat(item.height()).isEqualTo(800);
        assertThat(item.mimeType()).isEqualTo("image/jpeg");
        assertThat(item.bytes()).isEqualTo(bytes(item.url()).length);
        assertThat(item.originalWidth()).isEqualTo(2000);
        assertThat(item.originalUrl()).endsWith("-original.jpg");
        assertThat(item.originalFilename()).isEqualTo("صورة-الحدث.jpg");
        assertThat(item.uploadedBy()).isEqualTo("sara");
        assertThat(item.hasAlt()).isFalse();
        String prefix = item.url().substring(0, item.url().length() - "1600.jpg".length());
        assertThat(item.srcset()).isEqualTo(prefix + "320.jpg 320w, " + prefix + "640.jpg 640w, " + prefix + "1024.jpg 1024w, "
                + prefix + "1600.jpg 1600w");
        for (MediaItem.Rendition rendition : item.renditions()) {
            BufferedImage stored = image(rendition.url());
            assertThat(stored.getWidth()).isEqualTo(rendition.width());
            assertThat(stored.getHeight()).isEqualTo(rendition.height());
        }
        assertThat(image(item.originalUrl()).getWidth()).isEqualTo(2000);
        assertThat(media.find(item.id())).hasValue(item);
        assertThat(media.findByUrl(item.url())).hasValue(item);
        assertThat(media.findByUrl(item.url().replaceAll("-[a-z0-9]{8}-", "-aaaaaaaa-"))).isEmpty();
    }

    @Test
    void neverUpscalesASmallImage() {
        MediaItem item = store(MediaFixtures.png(500, 300), "small.png");
        assertThat(item.renditions()).extracting(MediaItem.Rendition::width).containsExactly(320, 500);
        assertThat(item.width()).isEqualTo(500);
        assertThat(item.height()).isEqualTo(300);
        assertThat(item.originalUrl()).isEqualTo(item.url());
        // An opaque PNG is a photo like any other: stored as JPEG.
        assertThat(item.mimeType()).isEqualTo("image/jpeg");
        assertThat(item.url()).endsWith("-500.jpg");
        assertThat(Files.exists(file(item.url().replace("-500.jpg", "-640.jpg")))).isFalse();

        MediaItem tiny = store(MediaFixtures.jpeg(100, 80), "tiny.jpg");
        assertThat(tiny.renditions()).extracting(MediaItem.Rendition::width).containsExactly(100);
        assertThat(tiny.srcset()).isEqualTo(tiny.url() + " 100w");
    }

    @Test
    void keepsTransparencyAsPngAndDropsItsTextChunks() {
        byte[] upload = MediaFixtures.transparentPngWithText(700, 400);
        assertThat(contains(upload, MediaFixtures.SECRET_PNG_TEXT)).isTrue();
        MediaItem item = store(upload, "logo.png");
        assertThat(item.mimeType()).isEqualTo("image/png");
        assertThat(item.renditions()).extracting(MediaItem.Rendition::width).containsExactly(320, 640, 700);
        for (MediaItem.Rendition rendition : item.renditions()) {
            byte[] stored = bytes(rendition.url());
            assertThat(rendition.url()).endsWith(".png");
            assertThat(contains(stored, MediaFixtures.SECRET_PNG_TEXT)).isFalse();
            assertThat(MediaFixtures.pngChunks(stored)).containsOnly("IHDR", "IDAT", "IEND");
            BufferedImage image = image(rendition.url());
            assertThat(image.getRGB(0, 0) >>> 24).as("a transparent corner").isZero();
            assertThat(image.getRGB(image.getWidth() / 2, image.getHeight() / 2) >>> 24).isEqualTo(0xff);
        }
    }

    @Test
    void readsWebpAndStoresJpegOrPngSinceImageIoCannotWriteWebp() {
        MediaItem photo = store(MediaFixtures.resource("photo-900x600.webp"), "photo.webp");
        assertThat(photo.mimeType()).isEqualTo("image/jpeg");
        assertThat(photo.renditions()).extracting(MediaItem.Rendition::width).containsExactly(320, 640, 900);
        assertThat(photo.height()).isEqualTo(600);
        assertThat(image(photo.url()).getWidth()).isEqualTo(900);

        MediaItem logo = store(MediaFixtures.resource("transparent-400x300.webp"), "logo.webp");
        assertThat(logo.mimeType()).isEqualTo("image/png");
        assertThat(logo.renditions()).extracting(MediaItem.Rendition::width).containsExactly(320, 400);
        assertThat(image(logo.url()).getRGB(0, 0) >>> 24).isZero();
    }

    @Test
    void stripsExifWithGpsXmpIccAndCommentsButKeepsThePhotoUpright() {
        byte[] upload = MediaFixtures.jpegWithMetadata(800, 400, 6);
        assertThat(MediaFixtures.jpegMarkers(upload)).contains(0xE1, 0xE2, 0xFE);
        assertThat(contains(upload, MediaFixtures.SECRET_MAKE)).isTrue();
        assertThat(contains(upload, "Exif")).isTrue();

        MediaItem item = store(upload, "IMG_0001.JPG");
        // Orientation 6: the camera was turned; the stored photo is upright (portrait).
        assertThat(item.originalWidth()).isEqualTo(400);
        assertThat(item.originalHeight()).isEqualTo(800);
        assertThat(item.renditions()).extracting(MediaItem.Rendition::width).containsExactly(320, 400);
        for (MediaItem.Rendition rendition : item.renditions()) {
            byte[] stored = bytes(rendition.url());
            assertThat(MediaFixtures.jpegMarkers(stored)).doesNotContain(0xE1, 0xE2, 0xED, 0xFE);
            assertThat(contains(stored, "Exif")).isFalse();
            assertThat(contains(stored, MediaFixtures.SECRET_MAKE)).isFalse();
            assertThat(contains(stored, MediaFixtures.SECRET_XMP)).isFalse();
            assertThat(contains(stored, MediaFixtures.SECRET_COMMENT)).isFalse();
            assertThat(contains(stored, "ICC_PROFILE")).isFalse();
            assertThat(image(rendition.url()).getHeight()).isEqualTo(rendition.height()).isGreaterThan(rendition.width());
        }
    }

    @Test
    void refusesTextAndHtmlRenamedToJpegWhateverTheName() {
        refusedLeavingNothing(MediaFixtures.html(), "photo.jpg", Reason.UNSUPPORTED_TYPE);
        refusedLeavingNothing(MediaFixtures.text(), "photo.jpg", Reason.UNSUPPORTED_TYPE);
        refusedLeavingNothing(MediaFixtures.gif(), "animation.gif", Reason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesSvgAlsoWhenRenamedToPng() {
        refusedLeavingNothing(MediaFixtures.svg(), "drawing.svg", Reason.UNSUPPORTED_TYPE);
        MediaRejectedException renamed = refusedLeavingNothing(MediaFixtures.svg(), "drawing.png", Reason.UNSUPPORTED_TYPE);
        assertThat(renamed.getMessage()).contains("<?xml");
    }

    @Test
    void refusesDecompressionBombsFromTheirHeaderBeforeDecoding() {
        byte[] bomb = MediaFixtures.pngBomb(100_000, 100_000);
        assertThat(bomb.length).isLessThan(1000);
        MediaRejectedException refused = refusedLeavingNothing(bomb, "bomb.png", Reason.TOO_MANY_PIXELS);
        assertThat(refused.getMessage()).contains("100000x100000");
        refusedLeavingNothing(MediaFixtures.jpegBomb(60_000, 60_000), "bomb.jpg", Reason.TOO_MANY_PIXELS);
        refusedLeavingNothing(MediaFixtures.webpBomb(16_000, 16_000), "bomb.webp", Reason.TOO_MANY_PIXELS);
    }

    @Test
    void refusesTruncatedAndCorruptImages() {
        refusedLeavingNothing(MediaFixtures.truncatedJpeg(), "cut.jpg", Reason.CORRUPT);
        byte[] png = MediaFixtures.png(300, 200);
        refusedLeavingNothing(java.util.Arrays.copyOf(png, png.length / 2), "cut.png", Reason.CORRUPT);
        byte[] webp = MediaFixtures.resource("photo-900x600.webp");
        refusedLeavingNothing(java.util.Arrays.copyOf(webp, webp.length / 3), "cut.webp", Reason.CORRUPT);
        byte[] garbage = new byte[4000];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        refusedLeavingNothing(garbage, "garbage.jpg", Reason.CORRUPT);
    }

    @Test
    void refusesAnEmptyFile() {
        refusedLeavingNothing(new byte[0], "empty.jpg", Reason.EMPTY);
    }

    @Test
    void refusesAFileOverTheSizeLimitWhileReadingIt() {
        long limit = settings.maxUploadSize().toBytes();
        byte[] head = MediaFixtures.jpeg(64, 64);
        // Bytes are produced as they are read: nothing the size of the upload is ever held in memory.
        Supplier<InputStream> huge = () -> new InputStream() {
            long position;

            @Override
            public int read() {
                if (position > limit + 1_000_000) {
                    return -1;
                }
                return position < head.length ? head[(int) position++] & 0xff : (int) (position++ & 0x7f);
            }
        };
        MediaRejectedException refused = refusedLeavingNothing(huge, "huge.jpg", Reason.TOO_LARGE);
        assertThat(refused.readerMessage()).contains("20 ميغابايت");
    }

    @Test
    void describesWithPlainTextTrimmedAndLimited() {
        MediaItem item = store(MediaFixtures.jpeg(400, 300), "protest.jpg");
        MediaItem described = media.describe(item.id(), "  متظاهرون في <script>alert(1)</script>\n  الساحة ",
                "\tتجمّع مئات الأشخاص\u202E في\r\nالساحة المركزية ", "   ");
        assertThat(described.alt()).isEqualTo("متظاهرون في <script>alert(1)</script> الساحة");
        assertThat(described.caption()).isEqualTo("تجمّع مئات الأشخاص في الساحة المركزية");
        assertThat(described.credit()).isNull();
        assertThat(described.hasAlt()).isTrue();
        assertThat(media.find(item.id()).orElseThrow()).isEqualTo(described);

        MediaRejectedException tooLong = catchThrowableOfType(MediaRejectedException.class,
                () -> media.describe(item.id(), "ا".repeat(501), null, null));
        assertThat(tooLong.reason()).isEqualTo(Reason.TEXT_TOO_LONG);
        assertThat(media.find(item.id()).orElseThrow().alt()).isEqualTo(described.alt());
        assertThat(media.describe(item.id(), "ا".repeat(500), null, "ت".repeat(200)).credit()).hasSize(200);
        assertThatThrownBy(() -> media.describe(Long.MAX_VALUE, "x", null, null)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void listsNewestFirstAndSearchesNameAltCaptionAndCredit() {
        String tag = "q" + System.nanoTime();
        MediaItem first = store(MediaFixtures.jpeg(300, 200), tag + "-first.jpg");
        MediaItem second = store(MediaFixtures.jpeg(300, 200), "second.jpg");
        media.describe(second.id(), "صورة " + tag, null, null);
        MediaItem third = store(MediaFixtures.jpeg(300, 200), "third.jpg");
        media.describe(third.id(), null, null, "وكالة " + tag.toUpperCase());
        MediaItem fourth = store(MediaFixtures.jpeg(300, 200), "fourth.jpg");
        media.describe(fourth.id(), null, "تعليق " + tag, null);

        assertThat(media.recent(tag, 10, 0)).extracting(MediaItem::id)
                .containsExactly(fourth.id(), third.id(), second.id(), first.id());
        assertThat(media.recent(tag, 2, 1)).extracting(MediaItem::id).containsExactly(third.id(), second.id());
        assertThat(media.recent(null, 1, 0)).extracting(MediaItem::id).containsExactly(fourth.id());
        assertThat(media.recent("  ", 1, 0)).extracting(MediaItem::id).containsExactly(fourth.id());
        assertThat(media.recent("%", 10, 0)).isEmpty();
        assertThat(media.recent(tag + "_", 10, 0)).isEmpty();
        assertThat(media.recent(tag, 1000, 0)).hasSize(4);
    }

    @Test
    void deletesTheRowAndItsFiles() {
        MediaItem item = store(MediaFixtures.jpeg(2000, 1200), "to-delete.jpg");
        List<Path> stored = Stream.concat(item.renditions().stream().map(r -> file(r.url())),
                Stream.of(file(item.originalUrl()))).toList();
        assertThat(stored).hasSize(5).allMatch(Files::exists);
        media.delete(item.id());
        assertThat(media.find(item.id())).isEmpty();
        assertThat(stored).noneMatch(Files::exists);
        media.delete(item.id());
    }

    @Test
    void aFailureBeforeTheRowIsWrittenLeavesNoFiles() {
        MediaRepository failing = new MediaRepository(jdbc) {
            @Override
            void insert(Row row) {
                throw new IllegalStateException("database went away");
            }
        };
        MediaService service = new MediaService(settings, files, failing, images);
        long filesBefore = filesUnder(files.root());
        long rowsBefore = rows();
        assertThatThrownBy(() -> service.store(new ByteArrayInputStream(MediaFixtures.jpeg(2000, 1000)), "x.jpg", "sara"))
                .hasMessage("database went away");
        assertThat(filesUnder(files.root())).isEqualTo(filesBefore);
        assertThat(filesUnder(data.root().resolve("tmp"))).isZero();
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void sweepsFilesACrashLeftBehindButNotLiveOnes() throws IOException {
        MediaItem live = store(MediaFixtures.jpeg(700, 500), "live.jpg");
        Path dir = file(live.url()).getParent();
        Path orphan = dir.resolve("999999999-abcdefgh-320.jpg");
        Path part = dir.resolve(".999999998-abcdefgh-640.jpg.part");
        Path freshOrphan = dir.resolve("999999997-abcdefgh-320.jpg");
        Path upload = data.root().resolve("tmp").resolve("media-upload-1.part");
        for (Path leftover : List.of(orphan, part, freshOrphan, upload)) {
            Files.write(leftover, new byte[] {1, 2, 3});
        }
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path leftover : List.of(orphan, part, upload)) {
            Files.setLastModifiedTime(leftover, old);
        }
        for (MediaItem.Rendition rendition : live.renditions()) {
            Files.setLastModifiedTime(file(rendition.url()), old);
        }

        assertThat(media.sweep(Duration.ofHours(1))).isEqualTo(3);

        assertThat(orphan).doesNotExist();
        assertThat(part).doesNotExist();
        assertThat(upload).doesNotExist();
        assertThat(freshOrphan).exists();
        assertThat(live.renditions()).allMatch(r -> Files.exists(file(r.url())));
        Files.delete(freshOrphan);
    }
}
