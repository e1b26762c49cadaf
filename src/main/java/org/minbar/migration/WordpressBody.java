package org.minbar.migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns a WordPress post body into HTML Minbar's sanitizer can keep: Gutenberg block comments
 * removed, {@code [caption]}, {@code wp-caption} and {@code [gallery]} made figures, other shortcodes
 * left as text (and named, for the report), and the paragraphs WordPress adds on display
 * ({@code wpautop}) restored by WordPress's own rules.
 */
final class WordpressBody {

    /**
     * The converted HTML, the shortcodes that were left as text, and the galleries that came out
     * without any image (their attachments missing from the export or the media directory).
     */
    record Converted(String html, Set<String> unknownShortcodes, int emptyGalleries) {
    }

    /** Where a gallery's images come from: an attachment's {@code <img>}, and the images attached to the post. */
    interface Galleries {
        /** The {@code <img>} of an attachment, or null when it is unknown or its file is missing. */
        String image(long attachmentId);

        /** The ids of the attachments whose parent is the post, in the export's order ({@code [gallery]} without ids). */
        List<Long> attachedToPost();

        Galleries NONE = new Galleries() {
            @Override
            public String image(long attachmentId) {
                return null;
            }

            @Override
            public List<Long> attachedToPost() {
                return List.of();
            }
        };
    }

    private static final Pattern BLOCK_COMMENT = Pattern.compile("<!--\\s*/?wp:[^>]*?-->");
    /** {@code <!--more-->} and {@code <!--nextpage-->}: WordPress's teaser and page breaks, meaningless on one page. */
    private static final Pattern MORE = Pattern.compile("<!--\\s*(?:more|nextpage|noteaser)\\b[^>]*?-->", Pattern.CASE_INSENSITIVE);
    private static final Pattern CAPTION = Pattern.compile("\\[(?:caption|wp_caption)([^\\]]*)\\](.*?)\\[/(?:caption|wp_caption)\\]",
            Pattern.DOTALL);
    private static final Pattern GALLERY = Pattern.compile("\\[gallery([^\\]]*)\\]");
    private static final Pattern SHORTCODE = Pattern.compile("\\[/?([a-zA-Z][a-zA-Z0-9_-]*)(?:\\s[^\\]]*)?/?\\]");
    private static final Pattern IDS = Pattern.compile("(?:ids|include)\\s*=\\s*[\"']?([0-9,\\s]+)");
    private static final Pattern CAPTION_ATTRIBUTE = Pattern.compile("caption\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern GALLERY_BLOCK_IDS = Pattern.compile("<!--\\s*wp:gallery\\s+(\\{.*?\\})\\s*/?-->", Pattern.DOTALL);

    /** WordPress's {@code $allblocks}: the elements {@code wpautop} never wraps in a paragraph. */
    private static final String BLOCKS = "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area"
            + "|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure"
            + "|figcaption|details|menu|summary)";
    /** A whole opening or closing tag of one of {@link #BLOCKS} (WordPress matches any tag starting so; this one matches the name). */
    private static final String BLOCK_TAG = "</?" + BLOCKS + "(?:[\\s/][^>]*)?>";
    private static final Pattern PRE = Pattern.compile("<pre[\\s>].*?</pre>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>|<!--.*?-->", Pattern.DOTALL);
    /** wpautop's replacements, in its order (compiled once: an import runs them for every post). */
    private static final Pattern DOUBLE_BREAK = Pattern.compile("<br\\s*/?>\\s*<br\\s*/?>");
    private static final Pattern BLOCK_OPENING = Pattern.compile("(<" + BLOCKS + "[\\s/>])", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK_CLOSING = Pattern.compile("(</" + BLOCKS + ">)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HORIZONTAL_RULE = Pattern.compile("(<hr\\s*?/?>)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLANK_LINES = Pattern.compile("\n\n+");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern EMPTY_PARAGRAPH = Pattern.compile("<p>\\s*</p>");
    private static final Pattern PARAGRAPH_CLOSED_BY_CONTAINER = Pattern.compile("<p>([^<]++)</(div|address|form)>"); // possessive: no backtracking through the text
    private static final Pattern BLOCK_TAG_ALONE_IN_PARAGRAPH = Pattern.compile("<p>\\s*(" + BLOCK_TAG + ")\\s*</p>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_ITEM_IN_PARAGRAPH = Pattern.compile("<p>(<li.+?)</p>");
    private static final Pattern PARAGRAPH_OPENING_BLOCKQUOTE = Pattern.compile("<p><blockquote([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAGRAPH_OPENING_BLOCK_TAG = Pattern.compile("<p>\\s*(" + BLOCK_TAG + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK_TAG_CLOSING_PARAGRAPH = Pattern.compile("(" + BLOCK_TAG + ")\\s*</p>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_BREAK = Pattern.compile("<br\\s*/?>");
    private static final Pattern NEWLINE_WITHOUT_BREAK = Pattern.compile("(?=\\s)(?<!<br />)\\s*\\n"); // tried only where whitespace starts
    private static final Pattern BREAK_AFTER_BLOCK_TAG = Pattern.compile("(" + BLOCK_TAG + ")\\s*<br />", Pattern.CASE_INSENSITIVE);
    private static final Pattern BREAK_BEFORE_BLOCK_TAG = Pattern.compile("<br />(\\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)(?:[\\s/][^>]*)?>)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_NEWLINE_OF_PARAGRAPH = Pattern.compile("\n</p>$");
    /** Stands for a newline inside a tag while the text around it is paragraphed. */
    private static final char TAG_NEWLINE = '\uE000';

    private WordpressBody() {
    }

    static Converted convert(String content, Galleries galleries) {
        String html = content == null ? "" : content.replace("\r\n", "\n").replace('\r', '\n');
        // Each pattern runs only where its literal start occurs: an import runs them for every post,
        // and most bodies have no comments, shortcodes or captions.
        boolean comments = html.contains("<!--");
        boolean gutenberg = comments && BLOCK_COMMENT.matcher(html).find();
        int[] empty = {0};
        if (comments && html.contains("wp:gallery")) {
            html = galleryBlocks(html, galleries, empty);
        }
        if (gutenberg) {
            html = BLOCK_COMMENT.matcher(html).replaceAll("");
        }
        if (comments) {
            html = MORE.matcher(html).replaceAll("");
        }
        Set<String> unknown = new LinkedHashSet<>();
        if (html.indexOf('[') >= 0) {
            html = captions(html);
            html = galleries(html, galleries, empty);
            Matcher shortcode = SHORTCODE.matcher(html);
            while (shortcode.find()) {
                unknown.add(shortcode.group(1).toLowerCase(Locale.ROOT));
            }
        }
        // Gutenberg stores real paragraphs; classic posts are stored as typed and paragraphed on display.
        if (!gutenberg) {
            html = autop(html);
        }
        return new Converted(figures(html).strip(), unknown, empty[0]);
    }

    /** {@link #convert(String, Galleries)} for a body whose galleries, if any, are not looked up. */
    static Converted convert(String content, Function<Long, String> galleryImage) {
        return convert(content, new Galleries() {
            @Override
            public String image(long attachmentId) {
                return galleryImage.apply(attachmentId);
            }

            @Override
            public List<Long> attachedToPost() {
                return List.of();
            }
        });
    }

    private static String captions(String html) {
        Matcher m = CAPTION.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // The image (or the link around it) comes first; whatever follows it is the caption, markup included.
            Element inner = Jsoup.parseBodyFragment(m.group(2).strip()).body();
            Element image = inner.children().stream().filter(e -> e.nameIs("img") || e.selectFirst("img") != null).findFirst().orElse(null);
            String caption;
            String picture;
            if (image == null) {
                picture = inner.html();
                caption = "";
            } else {
                picture = image.outerHtml();
                image.remove();
                caption = inner.html().strip();
            }
            Matcher attribute = CAPTION_ATTRIBUTE.matcher(m.group(1));
            if (caption.isEmpty() && attribute.find()) {
                caption = attribute.group(1);
            }
            String figure = "<figure>" + picture + (caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>") + "</figure>";
            m.appendReplacement(out, Matcher.quoteReplacement("\n\n" + figure + "\n\n"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String galleries(String html, Galleries galleries, int[] empty) {
        Matcher m = GALLERY.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher ids = IDS.matcher(m.group(1));
            List<Long> attachmentIds = ids.find() ? idList(ids.group(1)) : galleries.attachedToPost();
            m.appendReplacement(out, Matcher.quoteReplacement(galleryFigure(attachmentIds, galleries, empty)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A gallery block whose images are not in its markup (WordPress 5.x writes them, but some
     * plugins and older versions only give {@code "ids"} in the block comment) becomes a figure of them.
     */
    private static String galleryBlocks(String html, Galleries galleries, int[] empty) {
        Matcher m = GALLERY_BLOCK_IDS.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean selfClosing = m.group().endsWith("/-->");
            Matcher ids = Pattern.compile("\"ids\"\\s*:\\s*\\[([0-9,\\s]*)\\]").matcher(m.group(1));
            String replacement = m.group();
            if (selfClosing && ids.find()) {
                replacement = galleryFigure(idList(ids.group(1)), galleries, empty);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String galleryFigure(List<Long> attachmentIds, Galleries galleries, int[] empty) {
        List<String> images = new ArrayList<>();
        for (long id : attachmentIds) {
            String img = galleries.image(id);
            if (img != null) {
                images.add("<figure>" + img + "</figure>");
            }
        }
        if (images.isEmpty()) {
            empty[0]++;
            return "";
        }
        return "\n\n<figure>" + String.join("", images) + "</figure>\n\n";
    }

    private static List<Long> idList(String text) {
        List<Long> ids = new ArrayList<>();
        for (String id : text.split(",")) {
            String trimmed = id.strip();
            if (!trimmed.isEmpty() && trimmed.length() < 19) {
                ids.add(Long.parseLong(trimmed));
            }
        }
        return ids;
    }

    /**
     * WordPress's {@code wpautop}, rule for rule: text separated by blank lines becomes paragraphs,
     * single line breaks inside them {@code <br>}; block elements are never wrapped in a paragraph and
     * get no {@code <br>} beside them; {@code <pre>} is left as typed; a newline inside a tag is not a break.
     */
    static String autop(String text) {
        if (text.isBlank()) {
            return "";
        }
        text = text + "\n";
        String lower = text.toLowerCase(Locale.ROOT); // for skipping the case-insensitive patterns that cannot match
        Map<String, String> pres = new LinkedHashMap<>();
        if (lower.contains("<pre")) {
            Matcher pre = PRE.matcher(text);
            StringBuilder kept = new StringBuilder();
            while (pre.find()) {
                String placeholder = "<pre wp-pre-tag-" + pres.size() + "></pre>";
                pres.put(placeholder, pre.group());
                pre.appendReplacement(kept, Matcher.quoteReplacement(placeholder));
            }
            pre.appendTail(kept);
            text = kept.toString();
        }

        boolean breaks = text.contains("<br");
        if (breaks) {
            text = DOUBLE_BREAK.matcher(text).replaceAll("\n\n");
        }
        text = BLOCK_OPENING.matcher(text).replaceAll("\n\n$1");
        text = BLOCK_CLOSING.matcher(text).replaceAll("$1\n\n");
        if (lower.contains("<hr")) {
            text = HORIZONTAL_RULE.matcher(text).replaceAll("$1\n\n");
        }
        text = newlinesInTags(text);
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");

        StringBuilder paragraphs = new StringBuilder();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            String trimmed = strip(paragraph, '\n');
            if (!paragraph.isEmpty()) {
                paragraphs.append("<p>").append(trimmed).append("</p>\n");
            }
        }
        text = paragraphs.toString();
        text = EMPTY_PARAGRAPH.matcher(text).replaceAll("");
        text = PARAGRAPH_CLOSED_BY_CONTAINER.matcher(text).replaceAll("<p>$1</p></$2>");
        text = BLOCK_TAG_ALONE_IN_PARAGRAPH.matcher(text).replaceAll("$1");
        if (text.contains("<p><li")) {
            text = LIST_ITEM_IN_PARAGRAPH.matcher(text).replaceAll("$1");
        }
        if (lower.contains("blockquote")) {
            text = PARAGRAPH_OPENING_BLOCKQUOTE.matcher(text).replaceAll("<blockquote$1><p>");
            text = text.replace("</blockquote></p>", "</p></blockquote>");
        }
        text = PARAGRAPH_OPENING_BLOCK_TAG.matcher(text).replaceAll("$1");
        text = BLOCK_TAG_CLOSING_PARAGRAPH.matcher(text).replaceAll("$1");

        if (breaks) {
            text = ANY_BREAK.matcher(text).replaceAll("<br />");
        }
        text = NEWLINE_WITHOUT_BREAK.matcher(text).replaceAll("<br />\n");
        text = BREAK_AFTER_BLOCK_TAG.matcher(text).replaceAll("$1");
        text = BREAK_BEFORE_BLOCK_TAG.matcher(text).replaceAll("$1");
        text = LAST_NEWLINE_OF_PARAGRAPH.matcher(text).replaceAll("</p>");

        for (Map.Entry<String, String> entry : pres.entrySet()) {
            text = text.replace(entry.getKey(), entry.getValue());
        }
        return text.replace(TAG_NEWLINE, '\n');
    }

    private static String newlinesInTags(String text) {
        Matcher tag = TAG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (tag.find()) {
            tag.appendReplacement(out, Matcher.quoteReplacement(tag.group().replace('\n', TAG_NEWLINE)));
        }
        tag.appendTail(out);
        return out.toString();
    }

    private static String strip(String text, char c) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == c) {
            start++;
        }
        while (end > start && text.charAt(end - 1) == c) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Captions WordPress writes as markup rather than shortcodes ({@code <div class="wp-caption">}
     * with {@code <p class="wp-caption-text">}, the older {@code <dl class="wp-caption">}) become
     * figures with their caption, which the sanitizer keeps.
     */
    private static String figures(String html) {
        if (!html.contains("wp-caption")) {
            return html;
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false);
        for (Element caption : doc.select("div.wp-caption, dl.wp-caption")) {
            Element text = caption.selectFirst(".wp-caption-text, .wp-caption-dd, dd");
            String captionHtml = text == null ? "" : text.html().strip();
            if (text != null) {
                text.remove();
            }
            Element figure = new Element("figure");
            List<Node> rest = new ArrayList<>();
            for (Element dt : caption.select("dt")) {
                dt.unwrap();
            }
            for (Node child : caption.childNodes()) {
                rest.add(child);
            }
            for (Node child : rest) {
                if (!(child instanceof TextNode t && t.isBlank())) {
                    figure.appendChild(child);
                }
            }
            if (!captionHtml.isEmpty()) {
                figure.appendElement("figcaption").html(captionHtml);
            }
            caption.replaceWith(figure);
        }
        return doc.body().html();
    }
}
