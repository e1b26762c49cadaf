package org.minbar.article;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.minbar.system.CleanText;

/**
 * Restricts every stored body to the safe subset: paragraphs, subheadings, quotes, lists, tables,
 * definition lists, preformatted text, links, emphasis, figures with images and captions, and the
 * read-also promo. Headings the body cannot hold are moved to the nearest level it has (h1 to h2,
 * h4-h6 to h3); empty paragraphs, loose text and line breaks beside block elements are tidied.
 */
final class BodySanitizer {

    private static final Safelist SAFE_SUBSET = new Safelist()
            .addTags("p", "h2", "h3", "blockquote", "ul", "ol", "li", "a", "strong", "em", "b", "i", "br",
                    "figure", "img", "figcaption", "aside",
                    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt", "dd", "pre", "code", "hr",
                    "sub", "sup", "del", "ins", "s", "q", "cite", "abbr", "kbd")
            .addAttributes("a", "href", "title")
            .addAttributes("th", "colspan", "rowspan", "scope")
            .addAttributes("td", "colspan", "rowspan")
            .addAttributes("abbr", "title")
            .addAttributes("img", "src", "alt", "width", "height")
            .addAttributes("aside", "class", ReadAlso.ARTICLE_ID, ReadAlso.TITLE)
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .preserveRelativeLinks(true);

    private BodySanitizer() {
    }

    static String sanitize(String html) {
        // Characters XML does not allow go before parsing and again from the parsed text (a character
        // reference such as &#1; becomes the character itself): a body is also written into feeds and exports.
        Document dirty = Jsoup.parseBodyFragment(html == null ? "" : CleanText.text(html), "https://minbar.invalid/");
        // An article's title is its h1, and the body has two levels below it.
        dirty.select("h1").tagName("h2");
        dirty.select("h4, h5, h6").tagName("h3");
        Document clean = new Cleaner(SAFE_SUBSET).clean(dirty);
        for (Element aside : clean.select("aside")) {
            String id = aside.attr(ReadAlso.ARTICLE_ID);
            String title = aside.attr(ReadAlso.TITLE);
            boolean promo = id.matches("\\d{1,18}") || (!title.isBlank() && id.isEmpty());
            if (!promo || aside.text().isBlank()) {
                aside.unwrap();
                continue;
            }
            // A promo holds only its title: no nested markup, one class.
            String text = aside.text();
            aside.empty().text(text);
            aside.attr("class", ReadAlso.CSS_CLASS);
        }
        clean.body().traverse((node, depth) -> {
            if (node instanceof TextNode text) {
                text.text(CleanText.text(text.getWholeText()));
            }
            if (node instanceof Element element) {
                element.attributes().forEach(attribute -> attribute.setValue(CleanText.text(attribute.getValue())));
            }
        });
        BodyLayout.tidy(clean.body());
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    static boolean hasImageWithoutAlt(String html) {
        if (html == null || !html.toLowerCase(Locale.ROOT).contains("<img")) {
            return false; // most bodies: no parse
        }
        return Jsoup.parseBodyFragment(html).select("img").stream().anyMatch(img -> img.attr("alt").isBlank());
    }

    /** Plain text of the first paragraph, cut at a word boundary: the default excerpt. */
    static String excerptOf(String safeHtml, int maxLength) {
        Element first = Jsoup.parseBodyFragment(safeHtml).selectFirst("p");
        if (first == null) {
            return "";
        }
        String text = first.text().strip();
        if (text.length() <= maxLength) {
            return text;
        }
        int cut = text.lastIndexOf(' ', maxLength);
        return text.substring(0, cut > maxLength / 2 ? cut : maxLength) + "…";
    }
}
