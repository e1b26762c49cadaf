package org.minbar.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.minbar.article.ArticleSummary;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ReadAlso;
import org.springframework.stereotype.Component;

/**
 * Turns a stored body into reader HTML: each read-also promo becomes a labelled link to the
 * article's current URL and title (or, while unresolved, to a search for its title).
 *
 * <p>A body is parsed once, not per view ({@link Prepared}): its top-level blocks are kept as HTML
 * with a slot for each promo, and a rendering only joins them, filling the slots with the promos'
 * current links. The prepared bodies are held as long as the body's text is (the article in the read
 * model): they are keyed by that very string.
 */
@Component
class BodyRenderer {

    static final String READ_ALSO_LABEL = "اقرأ أيضاً:";
    /** Private-use characters marking a promo's slot while the parsed body is written out (a body holding one is rendered the slow way). */
    private static final char SLOT_START = '\uE000';
    private static final char SLOT_END = '\uE001';

    private final PublishedArticles articles;
    private final Cache<String, Prepared> prepared = Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();
    private final Cache<PromoLink, String> promoHtml = Caffeine.newBuilder().maximumSize(20_000).build();

    BodyRenderer(PublishedArticles articles) {
        this.articles = articles;
    }

    /** A promo's place: the article it names (null while unresolved) and its stored text (the fallback title). */
    private record Slot(Long articleId, String text) {
    }

    /** A top-level block of the body: HTML strings and {@link Slot}s, in order. */
    private record Block(boolean paragraph, List<Object> parts) {
    }

    /** A body parsed once: its blocks, the articles its promos name, and how many top-level paragraphs it has. */
    record Prepared(List<Block> blocks, Set<Long> promoIds, boolean hasPromos, int paragraphs) {
    }

    Prepared prepare(String storedBody) {
        return prepared.get(storedBody, BodyRenderer::parse);
    }

    private static Prepared parse(String storedBody) {
        Document document = Jsoup.parseBodyFragment(storedBody);
        document.outputSettings().prettyPrint(false);
        for (Element img : document.select("img")) {
            img.attr("loading", "lazy").attr("decoding", "async");
            if (!img.hasAttr("alt")) {
                img.attr("alt", "");
            }
        }
        List<Element> promos = ReadAlso.promos(document.body());
        Set<Long> ids = ReadAlso.articleIds(promos);
        List<Slot> slots = new ArrayList<>();
        boolean marked = storedBody.indexOf(SLOT_START) < 0;
        for (Element promo : promos) {
            if (promo.parent() == null) {
                continue; // inside another promo, which replaces it
            }
            String id = promo.attr(ReadAlso.ARTICLE_ID);
            slots.add(new Slot(id.matches("\\d{1,18}") ? Long.valueOf(id) : null, promo.text()));
            if (marked) {
                promo.replaceWith(new TextNode(SLOT_START + Integer.toString(slots.size() - 1) + SLOT_END));
            }
        }
        List<Block> blocks = new ArrayList<>();
        if (!marked) {
            // The text itself holds a marker character: one block, the promos left as they are (rendered by parsing again).
            blocks.add(new Block(false, List.of(document.body().html())));
            return new Prepared(blocks, ids, !promos.isEmpty(), -1);
        }
        int paragraphs = 0;
        for (Node child : document.body().childNodes()) {
            boolean paragraph = child instanceof Element e && e.normalName().equals("p");
            paragraphs += paragraph ? 1 : 0;
            blocks.add(new Block(paragraph, split(child.outerHtml(), slots)));
        }
        return new Prepared(List.copyOf(blocks), Set.copyOf(ids), !promos.isEmpty(), paragraphs);
    }

    private static List<Object> split(String html, List<Slot> slots) {
        List<Object> parts = new ArrayList<>();
        int from = 0;
        for (int start = html.indexOf(SLOT_START); start >= 0; start = html.indexOf(SLOT_START, from)) {
            int end = html.indexOf(SLOT_END, start);
            parts.add(html.substring(from, start));
            parts.add(slots.get(Integer.parseInt(html.substring(start + 1, end))));
            from = end + 1;
        }
        parts.add(html.substring(from));
        parts.removeIf(part -> part instanceof String s && s.isEmpty());
        return List.copyOf(parts);
    }

    /** Article ids of the promos the editors placed in this body. */
    Set<Long> promoIds(String storedBody) {
        return prepare(storedBody).promoIds();
    }

    /** {@link #promoIds} by parsing the body (what the tests compare the prepared body with). */
    static Set<Long> parsedPromoIds(String storedBody) {
        return ReadAlso.articleIds(ReadAlso.promos(Jsoup.parseBodyFragment(storedBody).body()));
    }

    /** True when the editors placed at least one promo in this body. */
    boolean hasPromos(String storedBody) {
        return prepare(storedBody).hasPromos();
    }

    /** Top-level paragraphs of a body. */
    int paragraphs(String storedBody) {
        Prepared body = prepare(storedBody);
        return body.paragraphs() >= 0 ? body.paragraphs() : topLevelParagraphs(Jsoup.parseBodyFragment(storedBody)).size();
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
        Prepared body = prepare(storedBody);
        if (body.paragraphs() < 0) {
            return renderParsing(storedBody, autoPromos, every);
        }
        Set<Long> linked = new HashSet<>(body.promoIds());
        autoPromos.forEach(s -> linked.add(s.id()));
        Map<Long, ArticleSummary> targets = linked.isEmpty() ? Map.of()
                : articles.summaries(linked).stream().collect(Collectors.toMap(ArticleSummary::id, Function.identity()));
        StringBuilder html = new StringBuilder(storedBody.length() + 512);
        int paragraph = 0;
        int placed = 0;
        for (Block block : body.blocks()) {
            for (Object part : block.parts()) {
                if (part instanceof Slot slot) {
                    html.append(promo(slot, targets));
                } else {
                    html.append((String) part);
                }
            }
            if (block.paragraph()) {
                paragraph++;
                if (every > 0 && placed < autoPromos.size() && paragraph % every == 0 && paragraph < body.paragraphs()) {
                    ArticleSummary promo = autoPromos.get(placed++);
                    html.append(promo(new Slot(promo.id(), promo.title()), targets));
                }
            }
        }
        return html.toString();
    }

    /** A promo as readers see it: the label and a link to the article's current address and title, else a search for its text. */
    private String promo(Slot slot, Map<Long, ArticleSummary> targets) {
        ArticleSummary target = slot.articleId() == null ? null : targets.get(slot.articleId());
        return target != null ? promoHtml.get(new PromoLink(target.path(), target.title()), BodyRenderer::promoElement)
                : promoHtml.get(new PromoLink(ReadAlso.searchFor(slot.text()), slot.text()), BodyRenderer::promoElement);
    }

    private record PromoLink(String href, String title) {
    }

    /** Written by jsoup (its escaping), once per address and title. */
    private static String promoElement(PromoLink link) {
        Document shell = Document.createShell("");
        shell.outputSettings().prettyPrint(false);
        Element promo = shell.body().appendElement("aside").addClass("read-also");
        promo.appendElement("span").addClass("read-also-label").text(READ_ALSO_LABEL);
        promo.appendText(" ");
        promo.appendElement("a").attr("href", link.href()).text(link.title());
        return promo.outerHtml();
    }

    /** The rendering of a body that holds a slot marker character itself: parsed for each view, as it is rare. */
    String renderParsing(String storedBody, List<ArticleSummary> autoPromos, int every) {
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
