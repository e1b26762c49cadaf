package org.minbar.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minbar.media.MediaRejectedException.Reason;
import org.springframework.util.unit.DataSize;

/**
 * Decoding within memory: wide uploads are decoded subsampled (JPEG, PNG and WebP alike), images
 * being processed share one memory budget, and an image that cannot fit it is refused in Arabic.
 */
class ImageProcessorTests {

    @TempDir
    Path dir;

    private static ImageProcessor processor(int[] widths, DataSize decodeMemory, Duration timeout) {
        return new ImageProcessor(new MediaProperties(DataSize.ofMegabytes(20), 50_000_000, widths, 0.85f, timeout, 2,
                decodeMemory, ""));
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "upload", ".bin"), bytes);
    }

    @Test
    void decodesAnUploadWiderThanTwiceTheWidestRenditionSubsampled() throws IOException {
        ImageProcessor images = processor(new int[] {320, 640}, DataSize.ofMegabytes(64), Duration.ofSeconds(30));
        try (ImageProcessor.Decoded jpeg = images.decode(file(MediaFixtures.jpeg(3000, 1500)), "wide.jpg")) {
            assertThat(jpeg.sourceWidth()).isEqualTo(3000);
            // At most twice the widest rendition (1280): every third pixel, 1000 px.
            assertThat(jpeg.width()).isEqualTo(1000);
            assertThat(jpeg.height()).isEqualTo(500);
        }
        try (ImageProcessor.Decoded png = images.decode(file(MediaFixtures.transparentPng(2560, 1280)), "logo.png")) {
            assertThat(png.width()).isEqualTo(1280);
            assertThat(png.height()).isEqualTo(640);
            assertThat(png.transparent()).isTrue();
        }
        try (ImageProcessor.Decoded webp = processor(new int[] {200}, DataSize.ofMegabytes(64), Duration.ofSeconds(30))
                .decode(file(MediaFixtures.resource("photo-900x600.webp")), "photo.webp")) {
            assertThat(webp.width()).isEqualTo(300);
            assertThat(webp.height()).isEqualTo(200);
        }
        try (ImageProcessor.Decoded narrow = images.decode(file(MediaFixtures.jpeg(1200, 800)), "narrow.jpg")) {
            assertThat(narrow.width()).as("not subsampled up to twice the widest rendition").isEqualTo(1200);
        }
    }

    @Test
    void subsamplesAPhoneUploadByItsUprightWidth() throws IOException {
        ImageProcessor images = processor(new int[] {320, 640}, DataSize.ofMegabytes(64), Duration.ofSeconds(30));
        // Orientation 6: stored 1400×2800, upright 2800×1400, over 1280 wide: every third pixel.
        try (ImageProcessor.Decoded photo = images.decode(file(MediaFixtures.jpegWithMetadata(1400, 2800, 6)), "IMG.JPG")) {
            assertThat(photo.width()).isEqualTo(934);
            assertThat(photo.height()).isEqualTo(467);
        }
    }

    @Test
    void chargesALosslessWebpItsFullSizeSinceItsDecoderHoldsItEvenWhenSubsampling() throws IOException {
        byte[] lossless = MediaFixtures.resource("transparent-400x300.webp");
        assertThat(new String(lossless, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("VP8L");
        int[] widths = {100};
        // Subsampled 1/2 (200×150): 240 KB for the result, plus 600 KB for the decoder's full-size raster.
        MediaRejectedException refused = catchThrowableOfType(MediaRejectedException.class,
                () -> processor(widths, DataSize.ofKilobytes(512), Duration.ofSeconds(5)).decode(file(lossless), "logo.webp"));
        assertThat(refused.reason()).isEqualTo(Reason.TOO_BIG_TO_PROCESS);
        try (ImageProcessor.Decoded logo = processor(widths, DataSize.ofKilobytes(1024), Duration.ofSeconds(5))
                .decode(file(lossless), "logo.webp")) {
            assertThat(logo.width()).isEqualTo(200);
            assertThat(logo.transparent()).isTrue();
        }
        // The lossy decoder subsamples block by block: 900×600 at 1/3 fits in 512 KB.
        try (ImageProcessor.Decoded photo = processor(new int[] {150}, DataSize.ofKilobytes(512), Duration.ofSeconds(5))
                .decode(file(MediaFixtures.resource("photo-900x600.webp")), "photo.webp")) {
            assertThat(photo.width()).isEqualTo(300);
        }
    }

    @Test
    void imagesBeingProcessedShareTheMemoryBudgetUntilTheirFilesAreWritten() throws IOException {
        // 1000×1000 costs about 8 MB (decoder's image plus a working copy): two do not fit in 12 MB.
        ImageProcessor images = processor(new int[] {320, 1600}, DataSize.ofMegabytes(12), Duration.ofMillis(300));
        Path upload = file(MediaFixtures.png(1000, 1000));
        try (ImageProcessor.Decoded first = images.decode(upload, "first.png")) {
            assertThat(first.width()).isEqualTo(1000);
            MediaRejectedException busy = catchThrowableOfType(MediaRejectedException.class,
                    () -> images.decode(upload, "second.png"));
            assertThat(busy.reason()).isEqualTo(Reason.BUSY);
            assertThat(busy.readerMessage()).contains("الخادم مشغول");
            assertThat(busy.getMessage()).contains("no decode memory free");
        }
        try (ImageProcessor.Decoded second = images.decode(upload, "second.png")) {
            assertThat(second.width()).as("the first image's share came back when it was closed").isEqualTo(1000);
        }
    }

    @Test
    void refusesInArabicAnImageThatCannotFitTheBudgetEvenSubsampled() throws IOException {
        ImageProcessor images = processor(new int[] {320, 1600}, DataSize.ofMegabytes(4), Duration.ofSeconds(5));
        // Narrower than the widest rendition, so subsampling would lose it: 8 MB wanted, 4 MB budget.
        MediaRejectedException refused = catchThrowableOfType(MediaRejectedException.class,
                () -> images.decode(file(MediaFixtures.png(1000, 1000)), "poster.png"));
        assertThat(refused.reason()).isEqualTo(Reason.TOO_BIG_TO_PROCESS);
        assertThat(MediaController.status(refused.reason()).value()).isEqualTo(422);
        assertThat(refused.readerMessage()).contains("1000×1000").contains("صغّر أبعادها");
        assertThat(refused.getMessage()).contains("over the decode memory budget of 4 MB");

        // A wide one is subsampled further to fit, as long as it stays as wide as the widest rendition:
        // 1/3 (867×667) would take 4.6 MB, 1/4 (650×500) takes 2.6 MB.
        ImageProcessor small = processor(new int[] {320, 640}, DataSize.ofMegabytes(4), Duration.ofSeconds(5));
        try (ImageProcessor.Decoded wide = small.decode(file(MediaFixtures.jpeg(2600, 2000)), "wide.jpg")) {
            assertThat(wide.width()).isEqualTo(650);
            assertThat(wide.height()).isEqualTo(500);
        }
        // The refusal gave its (never taken) share back: the budget is whole.
        try (ImageProcessor.Decoded fits = images.decode(file(MediaFixtures.png(600, 600)), "fits.png")) {
            assertThat(fits.width()).isEqualTo(600);
        }
    }
}
