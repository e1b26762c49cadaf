package org.minbar.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.minbar.article.ArticleService;
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

    private final ArticleService articles;

    BodyRenderer(ArticleService articles) {
        this.articles = articles;
    }

    String render(String storedBody) {
        Document document = Jsoup.parseBodyFragment(storedBody);
        document.outputSettings().prettyPrint(false);
        List<Element> promos = document.select("aside." + ReadAlso.CSS_CLASS);
        List<Long> ids = promos.stream().map(e -> e.attr(ReadAlso.ARTICLE_ID)).filter(s -> s.matches("\\d+"))
                .map(Long::valueOf).toList();
        Map<Long, ArticleSummary> linked = articles.summaries(ids).stream()
                .collect(Collectors.toMap(ArticleSummary::id, Function.identity()));
        for (Element promo : promos) {
            String id = promo.attr(ReadAlso.ARTICLE_ID);
            ArticleSummary target = id.matches("\\d+") ? linked.get(Long.valueOf(id)) : null;
            String title = target != null ? target.title() : promo.text();
            String href = target != null ? target.path()
                    : "/search?q=" + URLEncoder.encode(title, StandardCharsets.UTF_8);
            promo.empty().clearAttributes().addClass("read-also");
            promo.appendElement("span").addClass("read-also-label").text(READ_ALSO_LABEL);
            promo.appendText(" ");
            promo.appendElement("a").attr("href", href).text(title);
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
