package org.minbar.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Small images made on the spot (and two WebP files made with cwebp), including hostile ones. */
final class MediaFixtures {

    static final String SECRET_MAKE = "MinbarCam-Secret";
    static final String SECRET_XMP = "secret-xmp-location";
    static final String SECRET_COMMENT = "secret-jpeg-comment";
    static final String SECRET_PNG_TEXT = "secret-png-text";

    private MediaFixtures() {
    }

    static BufferedImage picture(int width, int height, boolean transparent) {
        BufferedImage image = new BufferedImage(width, height,
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        if (!transparent) {
            g.setPaint(new GradientPaint(0, 0, new Color(20, 60, 140), width, height, new Color(230, 180, 60)));
            g.fillRect(0, 0, width, height);
        }
        g.setColor(new Color(200, 30, 30));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, false), "jpeg");
    }

    static byte[] png(int width, int height) {
        return encode(picture(width, height, false), "png");
    }

    static byte[] transparentPng(int width, int height) {
        return encode(picture(width, height, true), "png");
    }

    /** A transparent PNG carrying a tEXt chunk. */
    static byte[] transparentPngWithText(int width, int height) {
        byte[] png = transparentPng(width, height);
        int iend = png.length - 12;
        byte[] text = ("Comment\0" + SECRET_PNG_TEXT).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        chunk(out, "tEXt", text);
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    /**
     * A JPEG as a phone writes it: EXIF with the camera make, GPS position and orientation, XMP, an
     * ICC profile and a comment, all after the JFIF header.
     */
    static byte[] jpegWithMetadata(int width, int height, int orientation) {
        byte[] jpeg = jpeg(width, height);
        int afterApp0 = 2 + 2 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), exif(orientation)));
        segment(out, 0xE1, ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description "
                + "exif:GPSLatitude='33,30.0N'>" + SECRET_XMP + "</rdf:Description></rdf:RDF></x:xmpmeta>")
                .getBytes(StandardCharsets.UTF_8));
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        segment(out, 0xE2, concat("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {1, 1}, icc));
        segment(out, 0xFE, SECRET_COMMENT.getBytes(StandardCharsets.US_ASCII));
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    /** A big-endian TIFF block: IFD0 (Make, Orientation, GPS pointer) and a GPS IFD (33°30'N 36°18'E). */
    private static byte[] exif(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(170);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 3);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(SECRET_MAKE.length() + 1).putInt(50);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(68);
        tiff.putInt(0);
        tiff.put(50, (SECRET_MAKE + "\0").getBytes(StandardCharsets.US_ASCII));
        tiff.position(68);
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(122);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(146);
        tiff.putInt(0);
        tiff.position(122);
        tiff.putInt(33).putInt(1).putInt(30).putInt(1).putInt(0).putInt(1);
        tiff.putInt(36).putInt(1).putInt(18).putInt(1).putInt(0).putInt(1);
        return tiff.array();
    }

    /** A tiny PNG whose header claims {@code width}×{@code height} pixels: a decompression bomb. */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] compressed = new byte[1024];
        int length = deflater.deflate(compressed);
        chunk(out, "IDAT", Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * A real {@code width}×{@code height} PNG, 8-bit RGB (or RGBA with a transparent corner), written
     * row by row so that making it never holds the pixels: broad colour bands with stripes of
     * one-bit noise, so it is a few hundred kilobytes like a flat poster or screenshot, yet decodes
     * to width × height pixels.
     */
    static byte[] bigPng(int width, int height, boolean transparent, long seed) {
        int channels = transparent ? 4 : 3;
        java.util.Random random = new java.util.Random(seed);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflate = new java.util.zip.DeflaterOutputStream(idat, new Deflater(6), 64 * 1024)) {
            byte[] row = new byte[1 + width * channels];
            for (int y = 0; y < height; y++) {
                int band = y / 350;
                boolean noisy = y % 350 < 6;
                for (int x = 0; x < width; x++) {
                    int i = 1 + x * channels;
                    int grain = noisy ? random.nextInt(2) : 0;
                    row[i] = (byte) (40 + band * 9 + grain);
                    row[i + 1] = (byte) (90 + (x / 500) * 11 + grain);
                    row[i + 2] = (byte) (160 - band * 5);
                    if (transparent) {
                        row[i + 3] = (byte) (x < 200 && y < 200 ? 0 : 255);
                    }
                }
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8)
                .put((byte) (transparent ? 6 : 2)).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A real small JPEG whose frame header is changed to claim {@code width}×{@code height}. */
    static byte[] jpegBomb(int width, int height) {
        byte[] jpeg = jpeg(64, 64);
        for (int i = 2; i < jpeg.length - 9; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && ((jpeg[i + 1] & 0xff) == 0xC0 || (jpeg[i + 1] & 0xff) == 0xC2)) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no frame header");
    }

    /** A WebP whose extended header claims a canvas of {@code width}×{@code height}. */
    static byte[] webpBomb(int width, int height) {
        byte[] real = resource("photo-900x600.webp");
        ByteBuffer vp8x = ByteBuffer.allocate(18).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0).put(new byte[3]);
        vp8x.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        vp8x.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        byte[] chunks = concat(vp8x.array(), Arrays.copyOfRange(real, 12, real.length));
        ByteBuffer riff = ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        return concat(riff.array(), chunks);
    }

    static byte[] truncatedJpeg() {
        byte[] jpeg = jpeg(800, 600);
        return Arrays.copyOf(jpeg, jpeg.length * 6 / 10);
    }

    static byte[] html() {
        return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] text() {
        return "هذا ملف نصي وليس صورة.\n".getBytes(StandardCharsets.UTF_8);
    }

    static byte[] svg() {
        return ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
                + "<script>alert(1)</script><rect width=\"100\" height=\"100\"/></svg>").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gif() {
        return encode(picture(50, 50, false), "gif");
    }

    static byte[] resource(String name) {
        try (InputStream in = MediaFixtures.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /media/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG markers before the image data (APP0 is 0xE0, APP1 0xE1, ...). */
    static List<Integer> jpegMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        return markers;
    }

    /** The PNG chunk types in order. */
    static List<String> pngChunks(byte[] png) {
        List<String> chunks = new ArrayList<>();
        int i = 8;
        while (i + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, i, 4).getInt();
            chunks.add(new String(png, i + 4, 4, StandardCharsets.US_ASCII));
            i += 12 + length;
        }
        return chunks;
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xff);
        out.writeBytes(data);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
