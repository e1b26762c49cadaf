package org.minbar.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minbar.article.ArticlePaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ArticleSearcher}'s searches as OpenSearch queries, rule for rule: the same parsing, field
 * weights, freshness, fallback to most words and "did you mean"; snippets by OpenSearch's unified
 * highlighter (Lucene's), similar articles by its more_like_this (Lucene's MoreLikeThis). Which
 * words count is decided by {@link ArabicAnalysis} here, the index analyzing them the same way.
 */
final class OpenSearchSearcher implements ArticleQueries {

    private final OpenSearchIndex index;

    OpenSearchSearcher(OpenSearchIndex index) {
        this.index = index;
    }

    @Override
    public SearchResults search(String text, String section, String tag, LocalDate from, LocalDate to, SearchSort sort, int page) {
        ArticleSearcher.Parsed parsed = ArticleSearcher.parse(text);
        ArrayNode filters = filters(section, tag, from, to);
        ObjectNode textQuery = textQuery(parsed, true);
        if (textQuery == null && parsed.isEmpty() && filters.isEmpty()) {
            return empty(page);
        }
        boolean relaxed = false;
        SearchResults results = run(textQuery, parsed, filters, sort, page);
        if (results.total() == 0 && parsed.words().size() + parsed.phrases().size() > 1) {
            relaxed = true; // nothing has every word: show what has most of them rather than nothing
            results = run(textQuery(parsed, false), parsed, filters, sort, page);
        }
        if (results.total() == 0 && !parsed.words().isEmpty()) {
            String corrected = didYouMean(parsed);
            if (corrected != null) {
                return new SearchResults(0, List.of(), page, ArticleSearcher.PAGE_SIZE, corrected);
            }
        }
        return relaxed || results.total() > 0 ? results : empty(page);
    }

    private static SearchResults empty(int page) {
        return new SearchResults(0, List.of(), page, ArticleSearcher.PAGE_SIZE, null);
    }

    private SearchResults run(ObjectNode textQuery, ArticleSearcher.Parsed parsed, ArrayNode filters, SearchSort sort, int page) {
        ObjectNode request = index.json.createObjectNode();
        request.put("from", (page - 1) * ArticleSearcher.PAGE_SIZE).put("size", ArticleSearcher.PAGE_SIZE)
                .put("track_total_hits", true);
        ObjectNode bool = request.putObject("query").putObject("bool");
        if (textQuery != null) {
            bool.putArray("must").add(textQuery);
            // News ages: among equally good matches, the fresher article comes first.
            bool.putArray("should").addObject().putObject("distance_feature").put("field", SearchIndex.PUBLISHED)
                    .put("origin", "now").put("pivot", ArticleSearcher.FRESHNESS_PIVOT_MS / 86_400_000 + "d")
                    .put("boost", ArticleSearcher.FRESHNESS_WEIGHT);
        } else if (!parsed.isEmpty()) {
            return empty(page); // only stop words or punctuation
        } else {
            bool.putArray("must").addObject().putObject("match_all");
        }
        if (!filters.isEmpty()) {
            bool.set("filter", filters);
        }
        boolean byScore = sort == SearchSort.RELEVANCE && textQuery != null;
        ArrayNode order = request.putArray("sort");
        if (byScore) {
            order.addObject().put("_score", "desc");
        }
        order.addObject().put(SearchIndex.PUBLISHED, "desc");
        request.put("track_scores", byScore);
        ObjectNode highlight = request.putObject("highlight").put("encoder", "html");
        highlight.putArray("pre_tags").add("<mark>");
        highlight.putArray("post_tags").add("</mark>");
        highlight.putObject("fields").putObject(SearchIndex.BODY).put("type", "unified")
                .put("fragment_size", ArticleSearcher.SNIPPET_LENGTH).put("number_of_fragments", 1)
                .put("no_match_size", ArticleSearcher.SNIPPET_LENGTH);
        request.putArray("_source").add(SearchIndex.ID).add(SearchIndex.SLUG).add(SearchIndex.TITLE).add(SearchIndex.SECTION)
                .add(SearchIndex.SECTION_NAME).add(SearchIndex.PUBLISHED);
        JsonNode response = index.search(request);
        long total = response.path("hits").path("total").path("value").asLong();
        List<SearchHit> hits = new ArrayList<>();
        for (JsonNode hit : response.path("hits").path("hits")) {
            JsonNode doc = hit.path("_source");
            long id = Long.parseLong(doc.path(SearchIndex.ID).asString());
            JsonNode fragments = hit.path("highlight").path(SearchIndex.BODY);
            String snippet = fragments.isArray() && !fragments.isEmpty() ? fragments.get(0).asString() : "";
            hits.add(new SearchHit(id, doc.path(SearchIndex.TITLE).asString(), ArticlePaths.of(id, doc.path(SearchIndex.SLUG).asString()),
                    snippet, text(doc, SearchIndex.SECTION), text(doc, SearchIndex.SECTION_NAME),
                    Instant.ofEpochMilli(doc.path(SearchIndex.PUBLISHED).asLong())));
        }
        return new SearchResults(total, hits, page, ArticleSearcher.PAGE_SIZE, null);
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Each word and phrase must match (or, relaxed, any may) in at least one field. */
    private ObjectNode textQuery(ArticleSearcher.Parsed parsed, boolean requireAll) {
        ObjectNode all = index.json.createObjectNode();
        ArrayNode clauses = all.putObject("bool").putArray(requireAll ? "must" : "should");
        List<String> parts = new ArrayList<>(parsed.phrases());
        parts.addAll(parsed.words());
        for (String part : parts) {
            if (!ArabicAnalysis.terms(SearchIndex.BODY, part).isEmpty()) { // a stop word alone need not match
                clauses.add(anyField(part));
            }
        }
        return clauses.isEmpty() ? null : all;
    }

    /** In any field, weighted as {@link ArticleSearcher#FIELDS}: a term, or a phrase keeping the gaps stop words leave. */
    private ObjectNode anyField(String text) {
        ObjectNode any = index.json.createObjectNode();
        ArrayNode should = any.putObject("bool").putArray("should");
        for (Map.Entry<String, Float> field : ArticleSearcher.FIELDS.entrySet()) {
            should.addObject().putObject("match_phrase").putObject(field.getKey()).put("query", text)
                    .put("boost", field.getValue());
        }
        return any;
    }

    private ArrayNode filters(String section, String tag, LocalDate from, LocalDate to) {
        ArrayNode filters = index.json.createArrayNode();
        if (section != null) {
            filters.addObject().putObject("term").put(SearchIndex.SECTION, section);
        }
        if (tag != null) {
            filters.addObject().putObject("term").put(SearchIndex.TAG, tag);
        }
        if (from != null || to != null) {
            ObjectNode range = filters.addObject().putObject("range").putObject(SearchIndex.PUBLISHED);
            if (from != null) {
                range.put("gte", from.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            }
            if (to != null) {
                range.put("lte", to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1);
            }
        }
        return filters;
    }

    /** The query with each unknown word replaced by the closest word of the archive (the term suggester: Lucene's DirectSpellChecker). */
    private String didYouMean(ArticleSearcher.Parsed parsed) {
        String field = SearchIndex.BODY + SearchIndex.EXACT;
        ObjectNode request = index.json.createObjectNode().put("size", 0);
        ObjectNode suggest = request.putObject("suggest");
        List<String> words = parsed.words();
        boolean any = false;
        for (int i = 0; i < words.size(); i++) {
            if (ArabicAnalysis.terms(field, words.get(i)).size() == 1) {
                suggest.putObject("w" + i).put("text", words.get(i)).putObject("term").put("field", field)
                        .put("suggest_mode", "missing").put("size", 1);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        JsonNode suggestions = index.search(request).path("suggest");
        List<String> corrected = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < words.size(); i++) {
            JsonNode options = suggestions.path("w" + i).path(0).path("options");
            if (options.isArray() && !options.isEmpty()) {
                corrected.add(options.get(0).path("text").asString());
                changed = true;
            } else {
                corrected.add(words.get(i));
            }
        }
        parsed.phrases().forEach(p -> corrected.add("\"" + p + "\""));
        return changed ? String.join(" ", corrected) : null;
    }

    /** Published articles most like this one by the words of their title and body, with ArticleSearcher's MoreLikeThis settings. */
    @Override
    public List<SimilarArticle> similarTo(long articleId, int limit) {
        long documents = index.count();
        ObjectNode request = index.json.createObjectNode().put("size", limit);
        request.putArray("_source").add(SearchIndex.ID);
        ObjectNode mlt = request.putObject("query").putObject("more_like_this");
        mlt.putArray("fields").add(SearchIndex.TITLE).add(SearchIndex.BODY);
        mlt.putArray("like").addObject().put("_index", index.alias()).put("_id", Long.toString(articleId));
        mlt.put("min_term_freq", 1).put("min_doc_freq", 3).put("max_doc_freq", (int) (15 * documents / 100))
                .put("min_word_length", 2).put("max_query_terms", 60).put("boost_terms", 1).put("minimum_should_match", "1")
                .put("include", false);
        List<SimilarArticle> similar = new ArrayList<>();
        for (JsonNode hit : index.search(request).path("hits").path("hits")) {
            long id = Long.parseLong(hit.path("_source").path(SearchIndex.ID).asString());
            if (id != articleId) {
                similar.add(new SimilarArticle(id, (float) hit.path("_score").asDouble()));
            }
        }
        return similar;
    }

    /** Headlines that start with, or contain words starting with, what the reader has typed so far; newest first. */
    @Override
    public List<TitleSuggestion> suggest(String typed, int limit) {
        String field = SearchIndex.TITLE + SearchIndex.EXACT;
        List<String> tokens = ArabicAnalysis.terms(field, typed);
        if (tokens.isEmpty()) {
            return List.of();
        }
        boolean lastComplete = Character.isWhitespace(typed.charAt(typed.length() - 1));
        ObjectNode request = index.json.createObjectNode().put("size", limit);
        ArrayNode must = request.putObject("query").putObject("bool").putArray("must");
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (i == tokens.size() - 1 && !lastComplete) {
                if (token.length() < 2) {
                    return List.of();
                }
                must.addObject().putObject("prefix").put(field, token);
            } else {
                must.addObject().putObject("term").put(field, token);
            }
        }
        request.putArray("sort").addObject().put(SearchIndex.PUBLISHED, "desc");
        request.putArray("_source").add(SearchIndex.ID).add(SearchIndex.SLUG).add(SearchIndex.TITLE);
        List<TitleSuggestion> result = new ArrayList<>();
        for (JsonNode hit : index.search(request).path("hits").path("hits")) {
            JsonNode doc = hit.path("_source");
            long id = Long.parseLong(doc.path(SearchIndex.ID).asString());
            result.add(new TitleSuggestion(id, doc.path(SearchIndex.TITLE).asString(),
                    ArticlePaths.of(id, doc.path(SearchIndex.SLUG).asString())));
        }
        return result;
    }
}
