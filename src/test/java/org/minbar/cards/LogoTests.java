package org.minbar.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The built-in logo (drawn from the site's name) and configured logo files. */
class LogoTests {

    @TempDir
    Path dir;

    @Test
    void theBuiltInLogoIsAnSvgAndAPngThatFits600By60AndFollowsTheSiteName() throws Exception {
        AtomicReference<String> name = new AtomicReference<>("منبر");
        Logo logo = new Logo(name::get, new LogoProperties(null, null));
        Element svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(logo.svg().bytes())).getDocumentElement();
        assertThat(svg.getTagName()).isEqualTo("svg");
        assertThat(svg.getAttribute("viewBox")).isEqualTo("0 0 " + logo.svgWidth() + " 60");
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("منبر");
        assertThat(svg.getElementsByTagName("path").getLength()).isEqualTo(2);
        assertThat(logo.svgPath()).matches("/brand/logo-[0-9a-f]{10}\\.svg");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(logo.png().bytes()));
        assertThat(png.getHeight()).isEqualTo(60).isEqualTo(logo.pngHeight());
        assertThat(png.getWidth()).isEqualTo(logo.pngWidth()).isBetween(60, 600);
        assertThat(png.getColorModel().hasAlpha()).as("transparent around the letters").isTrue();
        assertThat(png.getRGB(0, 0) >>> 24).isZero();

        String svgBefore = logo.svgPath();
        String pngBefore = logo.pngPath();
        name.set("ليفانت نيوز للأخبار والتقارير والتحقيقات السياسية والاقتصادية والثقافية من المشرق العربي");
        assertThat(logo.svgPath()).isNotEqualTo(svgBefore);
        assertThat(logo.pngPath()).isNotEqualTo(pngBefore);
        assertThat(logo.find(svgBefore.substring(12, 22), "svg")).as("the old address is not the logo any more").isEmpty();
        assertThat(logo.pngWidth()).as("a long name is scaled down into 600×60").isLessThanOrEqualTo(600);
        assertThat(logo.pngHeight()).isLessThanOrEqualTo(60);
    }

    @Test
    void configuredFilesAreServedAsTheyAreWithTheirSizes() throws Exception {
        Path svgFile = dir.resolve("logo.svg");
        Files.writeString(svgFile, "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 80\">"
                + "<title>جريدة</title><rect width=\"300\" height=\"80\" fill=\"#036\"/></svg>");
        Path pngFile = dir.resolve("logo.png");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(400, 50, BufferedImage.TYPE_INT_ARGB), "png", png);
        Files.write(pngFile, png.toByteArray());
        Logo logo = new Logo(() -> "جريدة", new LogoProperties(svgFile, pngFile));
        assertThat(logo.svg().bytes()).isEqualTo(Files.readAllBytes(svgFile));
        assertThat(logo.svgWidth()).isEqualTo(300);
        assertThat(logo.svgHeight()).isEqualTo(80);
        assertThat(logo.png().bytes()).isEqualTo(png.toByteArray());
        assertThat(logo.pngWidth()).isEqualTo(400);
        assertThat(logo.pngHeight()).isEqualTo(50);
        assertThat(logo.pngPath()).endsWith(".png");

        Files.writeString(svgFile, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240px\" height=\"48\" viewBox=\"0 0 10 2\"/>");
        assertThat(new Logo(() -> "x", new LogoProperties(svgFile, null)).svgWidth()).as("width and height win").isEqualTo(240);
    }

    @Test
    void unusableFilesStopTheStartNamingTheSetting() throws Exception {
        Path missing = dir.resolve("none.svg");
        assertThatThrownBy(() -> new Logo(() -> "x", new LogoProperties(missing, null)))
                .hasMessageContaining("minbar.site.logo-svg").hasMessageContaining("none.svg");
        Path noSize = dir.resolve("nosize.svg");
        Files.writeString(noSize, "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>");
        assertThatThrownBy(() -> new Logo(() -> "x", new LogoProperties(noSize, null))).hasMessageContaining("viewBox");
        Path notPng = dir.resolve("logo.png");
        Files.writeString(notPng, "<svg/>", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new Logo(() -> "x", new LogoProperties(null, notPng))).hasMessageContaining("minbar.site.logo-png");
    }
}
