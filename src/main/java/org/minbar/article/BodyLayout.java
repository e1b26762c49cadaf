package org.minbar.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The layout rules of a stored body, after sanitizing: no empty paragraph, no line break at the
 * edge of a block or right after one, no text loose beside blocks (it goes into a paragraph), every
 * image with an {@code alt} attribute (empty until an editor writes one, so the publishing check
 * still asks for it), and every table in a wrapper that scrolls sideways on a phone.
 */
final class BodyLayout {

    static final String TABLE_WRAPPER_CLASS = "table-scroll";

    private static final Set<String> BLOCKS = Set.of("p", "h2", "h3", "blockquote", "ul", "ol", "li", "figure", "figcaption", "aside",
            "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt", "dd", "pre", "hr", "div");

    private BodyLayout() {
    }

    static void tidy(Element body) {
        for (Element img : body.select("img:not([alt])")) {
            img.attr("alt", "");
        }
        for (Element br : body.select("br")) {
            if (besideBlock(br)) {
                br.remove();
            }
        }
        for (Element block : body.select("p, h2, h3, li, td, th, dt, dd, figcaption, caption")) {
            trimNoBreakSpaces(block);
        }
        for (Element p : body.select("p")) {
            if (isBlank(p) && p.select("img, br").isEmpty()) {
                p.remove();
            }
        }
        wrapLooseText(body);
        for (Element table : body.select("table")) {
            Element parent = table.parent();
            if (parent == null || !(parent.nameIs("div") && parent.hasClass(TABLE_WRAPPER_CLASS) && parent.childrenSize() == 1)) {
                table.wrap("<div class=\"" + TABLE_WRAPPER_CLASS + "\"></div>");
            }
        }
    }

    /** A no-break space that ends a paragraph (WordPress's "&nbsp;" on a line of its own) shows nothing. */
    private static void trimNoBreakSpaces(Element block) {
        for (boolean first : new boolean[] {true, false}) {
            Node edge = first ? block.firstChild() : block.lastChild();
            if (edge instanceof TextNode text && isBlank(text.getWholeText()) && !text.getWholeText().isBlank()) {
                text.remove();
            }
        }
    }

    /** A line break that starts or ends a block, or follows or precedes one, breaks nothing. */
    private static boolean besideBlock(Element br) {
        Node before = significant(br.previousSibling(), true);
        Node after = significant(br.nextSibling(), false);
        Element parent = br.parent();
        boolean edgeOfBlock = parent != null && BLOCKS.contains(parent.normalName()) && (before == null || after == null);
        return edgeOfBlock || isBlock(before) || isBlock(after) || (before instanceof Element b && b.nameIs("br") && after == null);
    }

    private static Node significant(Node node, boolean backwards) {
        while (node instanceof TextNode text && isBlank(text.getWholeText())) {
            node = backwards ? node.previousSibling() : node.nextSibling();
        }
        return node;
    }

    private static boolean isBlock(Node node) {
        return node instanceof Element element && BLOCKS.contains(element.normalName());
    }

    /** Runs of text and inline elements between the body's blocks become paragraphs; blank runs go. */
    private static void wrapLooseText(Element body) {
        List<Node> run = new ArrayList<>();
        for (Node child : new ArrayList<>(body.childNodes())) {
            if (isBlock(child)) {
                paragraph(run);
                run.clear();
            } else {
                run.add(child);
            }
        }
        paragraph(run);
    }

    private static void paragraph(List<Node> run) {
        if (run.stream().allMatch(BodyLayout::isEdge)) {
            // Plain white space between blocks is layout of the source and stays; a lone &nbsp; or <br> goes.
            run.stream().filter(node -> !(node instanceof TextNode text && text.getWholeText().isBlank())).forEach(Node::remove);
            return;
        }
        // Line breaks at the ends of the run would end up at the edges of the new paragraph.
        int start = 0;
        int end = run.size();
        while (start < end && isEdge(run.get(start))) {
            run.get(start++).remove();
        }
        while (end > start && isEdge(run.get(end - 1))) {
            run.get(--end).remove();
        }
        Element p = new Element("p");
        run.get(start).before(p);
        for (Node node : run.subList(start, end)) {
            p.appendChild(node);
        }
    }

    private static boolean isEdge(Node node) {
        return node instanceof TextNode text ? isBlank(text.getWholeText()) : node instanceof Element e && e.nameIs("br");
    }

    private static boolean isBlank(Element element) {
        return isBlank(element.text());
    }

    /** Blank as a reader sees it: white space, no-break spaces and zero-width characters only. */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x200B || c == 0xFEFF);
    }
}
