package org.minbar.cards;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.minbar.system.SiteIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

/**
 * The site's logo: SVG for the masthead, PNG for the publisher in structured data. Configured files
 * ({@link LogoProperties}) when given, else the built-in logo: the mark ({@link LogoMark}) at the start
 * (right) of the site's name in Noto Kufi Arabic Bold, drawn again when the name changes. Served under
 * addresses that carry a hash of their bytes ({@code /brand/logo-3f2a9c1e.svg}), so they may be kept a year.
 */
@Service
public class Logo {

    /** Height of the built-in logo's PNG: Google's guidance for a publisher's logo is that it fit 600×60. */
    static final int PNG_HEIGHT = 60;
    static final int PNG_MAX_WIDTH = 600;

    /** One rendition: its bytes, hash and size in pixels (an SVG's from its width and height, else its viewBox). */
    record Image(byte[] bytes, String hash, String contentType, int width, int height) {
    }

    record Rendered(String name, Image svg, Image png) {
    }

    private final Supplier<String> siteName;
    private final Image configuredSvg;
    private final Image configuredPng;
    private volatile Rendered builtIn;

    @Autowired
    Logo(SiteIdentity identity, LogoProperties properties) {
        this(identity::name, properties);
    }

    Logo(Supplier<String> siteName, LogoProperties properties) {
        this.siteName = siteName;
        this.configuredSvg = properties.logoSvg() == null ? null : svg(read(properties.logoSvg(), "minbar.site.logo-svg"));
        this.configuredPng = properties.logoPng() == null ? null : png(read(properties.logoPng(), "minbar.site.logo-png"));
    }

    /** The masthead's logo: its address on this site. */
    public String svgPath() {
        return path(svg());
    }

    public int svgWidth() {
        return svg().width();
    }

    public int svgHeight() {
        return svg().height();
    }

    /** The publisher's logo in structured data: its address on this site. */
    public String pngPath() {
        return path(png());
    }

    public int pngWidth() {
        return png().width();
    }

    public int pngHeight() {
        return png().height();
    }

    Image svg() {
        return configuredSvg != null ? configuredSvg : builtIn().svg();
    }

    Image png() {
        return configuredPng != null ? configuredPng : builtIn().png();
    }

    /** The rendition {@code /brand/logo-HASH.EXT} names, if it is the current one. */
    Optional<Image> find(String hash, String extension) {
        Image image = "svg".equals(extension) ? svg() : "png".equals(extension) ? png() : null;
        return image != null && image.hash().equals(hash) ? Optional.of(image) : Optional.empty();
    }

    Image current(String extension) {
        return "svg".equals(extension) ? svg() : png();
    }

    static String path(Image image) {
        return "/brand/logo-" + image.hash() + ("image/png".equals(image.contentType()) ? ".png" : ".svg");
    }

    private Rendered builtIn() {
        String name = siteName.get();
        Rendered current = builtIn;
        if (current == null || !current.name().equals(name)) {
            current = draw(name);
            builtIn = current;
        }
        return current;
    }

    /** The built-in logo for {@code name}: the mark, then the name to its left (Arabic reads from the right). */
    static Rendered draw(String name) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        float height = 60;
        Shape mark = LogoMark.DEFAULT.shape(48);
        float markWidth = LogoMark.DEFAULT.width(48);
        TextLayout text = new TextLayout(CardFonts.KUFI.paragraph(name, CardFonts.KUFI.bold(40)).getIterator(), frc);
        float gap = 10;
        float textWidth = text.getAdvance();
        Area letters = new Area(text.getOutline(AffineTransform.getTranslateInstance(0, 44)));
        Area figure = new Area(mark);
        figure.transform(AffineTransform.getTranslateInstance(textWidth + gap, 6));
        Area all = new Area(letters);
        all.add(figure);
        Rectangle2D bounds = all.getBounds2D();
        // Tight horizontally, a fixed 60 units high (names with tall or deep letters fit in it).
        double left = Math.floor(bounds.getMinX()) - 2;
        double width = Math.ceil(bounds.getMaxX() - left) + 2;
        AffineTransform shift = AffineTransform.getTranslateInstance(-left, 0);
        letters.transform(shift);
        figure.transform(shift);
        String color = "#8b1a1a";
        String label = HtmlUtils.htmlEscape(name);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + (int) width + " " + (int) height + "\" width=\""
                + (int) width + "\" height=\"" + (int) height + "\" role=\"img\" aria-label=\"" + label + "\"><title>" + label
                + "</title><path fill=\"" + color + "\" d=\"" + LogoMark.svgPath(figure) + "\"/><path fill=\"" + color
                + "\" d=\"" + LogoMark.svgPath(letters) + "\"/></svg>\n";
        byte[] svgBytes = svg.getBytes(StandardCharsets.UTF_8);

        double scale = Math.min(PNG_HEIGHT / height, PNG_MAX_WIDTH / width);
        int pngWidth = (int) Math.ceil(width * scale);
        int pngHeight = (int) Math.ceil(height * scale);
        BufferedImage image = new BufferedImage(pngWidth, pngHeight, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            CardRenderer.quality(g);
            g.scale(scale, scale);
            g.setColor(CardRenderer.ACCENT);
            g.fill(figure);
            g.fill(letters);
        } finally {
            g.dispose();
        }
        byte[] pngBytes = CardRenderer.encode(image);
        return new Rendered(name, new Image(svgBytes, hash(svgBytes), "image/svg+xml", (int) width, (int) height),
                new Image(pngBytes, hash(pngBytes), "image/png", pngWidth, pngHeight));
    }

    private static byte[] read(Path file, String setting) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + ")", e);
        }
    }

    private static final Pattern SVG_TAG = Pattern.compile("<svg\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERS = Pattern.compile("[-+]?[0-9]*\\.?[0-9]+");

    /** A configured SVG; its size from the root's width and height in pixels, else its viewBox. */
    static Image svg(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Matcher root = SVG_TAG.matcher(text);
        if (!root.find()) {
            throw new IllegalArgumentException("minbar.site.logo-svg: not an SVG file (no <svg> element)");
        }
        String tag = root.group();
        Double width = length(attribute(tag, "width"));
        Double height = length(attribute(tag, "height"));
        if (width == null || height == null) {
            String viewBox = attribute(tag, "viewBox");
            Matcher numbers = NUMBERS.matcher(viewBox == null ? "" : viewBox);
            double[] box = new double[4];
            int found = 0;
            while (found < 4 && numbers.find()) {
                box[found++] = Double.parseDouble(numbers.group());
            }
            if (found < 4 || box[2] <= 0 || box[3] <= 0) {
                throw new IllegalArgumentException("minbar.site.logo-svg: the <svg> element needs a viewBox, or width and height in pixels");
            }
            width = box[2];
            height = box[3];
        }
        return new Image(bytes, hash(bytes), "image/svg+xml", (int) Math.round(width), (int) Math.round(height));
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s*=\\s*[\"']([^\"']*)[\"']").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    private static Double length(String value) {
        if (value == null || !value.strip().toLowerCase(Locale.ROOT).matches("[0-9]*\\.?[0-9]+(px)?")) {
            return null;
        }
        return Double.parseDouble(value.strip().toLowerCase(Locale.ROOT).replace("px", ""));
    }

    /** A configured PNG; its size from its header. */
    static Image png(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("minbar.site.logo-png: cannot decode", e);
        }
        if (image == null || bytes.length < 8 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            throw new IllegalArgumentException("minbar.site.logo-png: not a PNG file");
        }
        return new Image(bytes, hash(bytes), "image/png", image.getWidth(), image.getHeight());
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
