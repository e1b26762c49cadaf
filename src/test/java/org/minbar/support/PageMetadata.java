package org.minbar.support;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;

/** What a reader page tells machines, read back: its meta tags and its JSON-LD blocks. */
public final class PageMetadata {

    private PageMetadata() {
    }

    /** The content of {@code <meta attribute="name">}, or null. */
    public static String meta(Document page, String attribute, String name) {
        Element meta = page.selectFirst("meta[" + attribute + "=" + name + "]");
        return meta == null ? null : meta.attr("content");
    }

    /** The page's JSON-LD block of this {@code @type}; fails the test when there is none. */
    public static JsonNode jsonLd(Document page, String type) {
        for (Element script : page.select("script[type=application/ld+json]")) {
            JsonNode node = Http.parse(script.data());
            if (node.path("@type").asString().equals(type)) {
                return node;
            }
        }
        throw new AssertionError("no JSON-LD of type " + type + " in " + page.location());
    }
}
