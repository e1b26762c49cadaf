package org.minbar.article;

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

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
