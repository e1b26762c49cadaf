package org.minbar.article;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;

/**
 * The one semantic element a body may hold besides plain text markup: an inline "read also"
 * promo, stored as {@code <aside class="read-also" data-article-id="42">title</aside>}, or, while
 * the article it names is unknown, {@code <aside class="read-also" data-title="...">title</aside>}.
 */
public final class ReadAlso {

    public static final String CSS_CLASS = "read-also";
    public static final String ARTICLE_ID = "data-article-id";
    public static final String TITLE = "data-title";

    private ReadAlso() {
    }

    /** The stored element for a promo linking an article by id. */
    public static String linked(long articleId, String title) {
        return "<aside class=\"" + CSS_CLASS + "\" " + ARTICLE_ID + "=\"" + articleId + "\">" + escape(title) + "</aside>";
    }

    /** The stored element for a promo whose article is not (yet) known, kept by title. */
    public static String unresolved(String title) {
        return "<aside class=\"" + CSS_CLASS + "\" " + TITLE + "=\"" + escape(title) + "\">" + escape(title) + "</aside>";
    }

    /** Where a promo leads a reader: the article it names, or a search for its title while that is unknown. */
    public record Link(Element promo, String title, String href) {
    }

    /** The promos of a parsed body, in document order. */
    public static List<Element> promos(Element body) {
        return body.select("aside." + CSS_CLASS);
    }

    /** The ids of the articles these promos name (unresolved promos name none). */
    public static Set<Long> articleIds(List<Element> promos) {
        return promos.stream().map(ReadAlso::articleId).filter(id -> id != null).collect(Collectors.toSet());
    }

    static Long articleId(Element promo) {
        String id = promo.attr(ARTICLE_ID);
        return id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
    }

    public static String searchFor(String title) {
        return "/search?q=" + URLEncoder.encode(title, StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
