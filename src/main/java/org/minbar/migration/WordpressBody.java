package org.minbar.migration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a WordPress post body into HTML Minbar's sanitizer can keep: Gutenberg block comments
 * removed, {@code [caption]} and {@code [gallery]} made figures, other shortcodes left as text (and
 * named, for the report), and the paragraphs WordPress adds on display ({@code wpautop}) restored.
 */
final class WordpressBody {

    /** The converted HTML and the shortcodes that were left as text. */
    record Converted(String html, Set<String> unknownShortcodes) {
    }

    private static final Pattern BLOCK_COMMENT = Pattern.compile("<!--\\s*/?wp:[^>]*?-->");
    private static final Pattern CAPTION = Pattern.compile("\\[(?:caption|wp_caption)([^\\]]*)\\](.*?)\\[/(?:caption|wp_caption)\\]",
            Pattern.DOTALL);
    private static final Pattern GALLERY = Pattern.compile("\\[gallery([^\\]]*)\\]");
    private static final Pattern SHORTCODE = Pattern.compile("\\[/?([a-zA-Z][a-zA-Z0-9_-]*)(?:\\s[^\\]]*)?/?\\]");
    private static final Pattern IDS = Pattern.compile("ids\\s*=\\s*[\"']?([0-9,\\s]+)");
    private static final Pattern CAPTION_ATTRIBUTE = Pattern.compile("caption\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern IMAGE_END = Pattern.compile("^(.*(?:</a>|<img[^>]*>))(.*)$", Pattern.DOTALL);
    private static final Pattern BLOCK_START = Pattern.compile(
            "^<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tr|td|th|pre|hr|section|aside|dl|dd|dt"
                    + "|form|address|header|footer|article|nav|iframe|script|style|details|summary)[\\s>/]",
            Pattern.CASE_INSENSITIVE);

    private WordpressBody() {
    }

    /**
     * @param galleryImage the {@code <img>} of a gallery's attachment id, or null when it is unknown
     */
    static Converted convert(String content, Function<Long, String> galleryImage) {
        String html = content == null ? "" : content.replace("\r\n", "\n").replace('\r', '\n');
        boolean gutenberg = BLOCK_COMMENT.matcher(html).find();
        html = BLOCK_COMMENT.matcher(html).replaceAll("");
        html = captions(html);
        html = galleries(html, galleryImage);
        Set<String> unknown = new LinkedHashSet<>();
        Matcher shortcode = SHORTCODE.matcher(html);
        while (shortcode.find()) {
            unknown.add(shortcode.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        // Gutenberg stores real paragraphs; classic posts are stored as typed and paragraphed on display.
        if (!gutenberg) {
            html = autop(html);
        }
        return new Converted(html.strip(), unknown);
    }

    private static String captions(String html) {
        Matcher m = CAPTION.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = m.group(2).strip();
            String image = inner;
            String caption = "";
            Matcher end = IMAGE_END.matcher(inner);
            if (end.matches()) {
                image = end.group(1).strip();
                caption = end.group(2).strip();
            }
            Matcher attribute = CAPTION_ATTRIBUTE.matcher(m.group(1));
            if (caption.isEmpty() && attribute.find()) {
                caption = attribute.group(1);
            }
            String figure = "<figure>" + image + (caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>") + "</figure>";
            m.appendReplacement(out, Matcher.quoteReplacement("\n\n" + figure + "\n\n"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String galleries(String html, Function<Long, String> galleryImage) {
        Matcher m = GALLERY.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> images = new ArrayList<>();
            Matcher ids = IDS.matcher(m.group(1));
            if (ids.find()) {
                for (String id : ids.group(1).split(",")) {
                    String trimmed = id.strip();
                    if (!trimmed.isEmpty()) {
                        String img = galleryImage.apply(Long.parseLong(trimmed));
                        if (img != null) {
                            images.add(img);
                        }
                    }
                }
            }
            String figure = images.isEmpty() ? "" : "\n\n<figure>" + String.join("", images) + "</figure>\n\n";
            m.appendReplacement(out, Matcher.quoteReplacement(figure));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A simple port of WordPress's {@code wpautop}: text separated by blank lines becomes
     * paragraphs, single line breaks inside them become {@code <br>}; block elements are left alone.
     */
    static String autop(String html) {
        if (html.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String chunk : html.split("\\n\\s*\\n")) {
            String text = chunk.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (BLOCK_START.matcher(text).find()) {
                out.append(text).append('\n');
            } else {
                out.append("<p>").append(text.replaceAll("\\s*\\n\\s*", "<br>\n")).append("</p>\n");
            }
        }
        return out.toString();
    }
}
