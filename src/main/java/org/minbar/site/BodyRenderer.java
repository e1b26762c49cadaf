package org.minbar.site;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.article.ReadAlso;
import org.springframework.stereotype.Component;

/**
 * Turns a stored body into reader HTML: each read-also promo becomes a labelled link to the
 * article's current URL and title (or, while unresolved, to a search for its title).
 */
@Component
class BodyRenderer {

    static final String READ_ALSO_LABEL = "اقرأ أيضاً:";

    private final PublishedArticles articles;

    BodyRenderer(PublishedArticles articles) {
        this.articles = articles;
    }

    /** Article ids of the promos the editors placed in this body. */
    static java.util.Set<Long> promoIds(String storedBody) {
        return ReadAlso.articleIds(ReadAlso.promos(Jsoup.parseBodyFragment(storedBody).body()));
    }

    /** True when the editors placed at least one promo in this body. */
    static boolean hasPromos(String storedBody) {
        return !ReadAlso.promos(Jsoup.parseBodyFragment(storedBody).body()).isEmpty();
    }

    /** Top-level paragraphs of a body. */
    static int paragraphs(String storedBody) {
        return topLevelParagraphs(Jsoup.parseBodyFragment(storedBody)).size();
    }

    private static List<Element> topLevelParagraphs(Document document) {
        return document.body().children().stream().filter(e -> e.normalName().equals("p")).toList();
    }

    String render(String storedBody) {
        return render(storedBody, List.of(), 0);
    }

    /**
     * Renders the body; {@code autoPromos} (when the editors placed none) go in after every
     * {@code every} paragraphs, never after the last one.
     */
    String render(String storedBody, List<ArticleSummary> autoPromos, int every) {
        Document document = Jsoup.parseBodyFragment(storedBody);
        document.outputSettings().prettyPrint(false);
        if (!autoPromos.isEmpty() && every > 0) {
            List<Element> paragraphs = topLevelParagraphs(document);
            int placed = 0;
            for (int i = every - 1; i < paragraphs.size() - 1 && placed < autoPromos.size(); i += every) {
                ArticleSummary promo = autoPromos.get(placed++);
                paragraphs.get(i).after(ReadAlso.linked(promo.id(), promo.title()));
            }
        }
        for (ReadAlso.Link link : articles.readAlsoLinks(ReadAlso.promos(document.body()))) {
            Element promo = link.promo().empty().clearAttributes().addClass("read-also");
            promo.appendElement("span").addClass("read-also-label").text(READ_ALSO_LABEL);
            promo.appendText(" ");
            promo.appendElement("a").attr("href", link.href()).text(link.title());
        }
        for (Element img : document.select("img")) {
            img.attr("loading", "lazy").attr("decoding", "async");
            if (!img.hasAttr("alt")) {
                img.attr("alt", "");
            }
        }
        return document.body().html();
    }
}
