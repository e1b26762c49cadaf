package org.minbar.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.minbar.article.ArticlePaths;

/**
 * Turns what a reader typed into a Lucene query over the Arabic fields, and runs it: every word
 * (or "phrase") must match in some field; exact forms and titles weigh more than stem matches and
 * bodies. Reader input is never given to a query parser, so no character can break a search.
 */
final class ArticleSearcher implements ArticleQueries {

    static final int PAGE_SIZE = 10;
    static final int SNIPPET_LENGTH = 220;
    /** Up to this much score for an article published now, half of it at one pivot's age. */
    static final float FRESHNESS_WEIGHT = 1f;
    static final long FRESHNESS_PIVOT_MS = java.time.Duration.ofDays(30).toMillis();

    /** Field weights: title over tags over excerpt over body; exact forms over stems. */
    static final Map<String, Float> FIELDS = fieldWeights();
    private static final Pattern TOKENS = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Sort NEWEST = new Sort(new SortField(SearchIndex.PUBLISHED, SortField.Type.LONG, true));
    private static final Sort RELEVANCE = new Sort(SortField.FIELD_SCORE,
            new SortField(SearchIndex.PUBLISHED, SortField.Type.LONG, true));

    private final Searchable index;
    private final Analyzer analyzer = ArabicAnalysis.perField();

    /** Searches {@code index}: one index, or (in the site) whichever index is current. */
    ArticleSearcher(Searchable index) {
        this.index = index;
    }

    private static Map<String, Float> fieldWeights() {
        Map<String, Float> fields = new LinkedHashMap<>();
        fields.put(SearchIndex.TITLE + SearchIndex.EXACT, 6f);
        fields.put(SearchIndex.TITLE, 4f);
        fields.put(SearchIndex.TAGS, 3f);
        fields.put(SearchIndex.EXCERPT, 1.5f);
        fields.put(SearchIndex.BODY + SearchIndex.EXACT, 1.4f);
        fields.put(SearchIndex.BODY, 1f);
        fields.put(SearchIndex.SECTION_NAME, 1f);
        fields.put(SearchIndex.CONTRIBUTORS, 1f);
        fields.put(SearchIndex.PROMOS, 0.3f);
        return fields;
    }

    /** The words and "phrases" of a query; an unbalanced quote counts as no quote. */
    record Parsed(List<String> words, List<String> phrases) {
        boolean isEmpty() {
            return words.isEmpty() && phrases.isEmpty();
        }
    }

    static Parsed parse(String text) {
        String clean = text;
        if (clean.chars().filter(c -> c == '"').count() % 2 == 1) {
            int last = clean.lastIndexOf('"');
            clean = clean.substring(0, last) + " " + clean.substring(last + 1);
        }
        List<String> words = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        Matcher m = TOKENS.matcher(clean);
        while (m.find()) {
            if (m.group(1) != null) {
                if (!m.group(1).isBlank()) {
                    phrases.add(m.group(1).strip());
                }
            } else {
                words.add(m.group(2));
            }
        }
        return new Parsed(words, phrases);
    }

    @Override
    public SearchResults search(String text, String section, String tag, LocalDate from, LocalDate to, SearchSort sort, int page) {
        Parsed parsed = parse(text);
        Query filters = filters(section, tag, from, to);
        Query textQuery = textQuery(parsed, true);
        if (textQuery == null && parsed.isEmpty() && filters == null) {
            return new SearchResults(0, List.of(), page, PAGE_SIZE, null);
        }
        boolean relaxed = false;
        SearchResults results = run(textQuery, parsed, filters, sort, page);
        if (results.total() == 0 && parsed.words().size() + parsed.phrases().size() > 1) {
            // Nothing has every word: show what has most of them rather than nothing.
            relaxed = true;
            results = run(textQuery(parsed, false), parsed, filters, sort, page);
        }
        if (results.total() == 0 && !parsed.words().isEmpty()) {
            String corrected = didYouMean(parsed);
            if (corrected != null) {
                return new SearchResults(0, List.of(), page, PAGE_SIZE, corrected);
            }
        }
        return relaxed || results.total() > 0 ? results : new SearchResults(0, List.of(), page, PAGE_SIZE, null);
    }

    private SearchResults run(Query textQuery, Parsed parsed, Query filters, SearchSort sort, int page) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        if (textQuery != null) {
            query.add(textQuery, Occur.MUST);
            // News ages: among equally good matches, the fresher article comes first.
            query.add(LongPoint.newDistanceFeatureQuery(SearchIndex.PUBLISHED, FRESHNESS_WEIGHT, System.currentTimeMillis(),
                    FRESHNESS_PIVOT_MS), Occur.SHOULD);
        } else if (!parsed.isEmpty()) {
            return new SearchResults(0, List.of(), page, PAGE_SIZE, null); // only stop words or punctuation
        } else {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        if (filters != null) {
            query.add(filters, Occur.FILTER);
        }
        Query built = query.build();
        boolean byScore = sort == SearchSort.RELEVANCE && textQuery != null;
        return index.search(searcher -> {
            TopDocs top = searcher.search(built, page * PAGE_SIZE, byScore ? RELEVANCE : NEWEST, byScore);
            long total = top.totalHits.relation == TotalHits.Relation.EQUAL_TO ? top.totalHits.value : searcher.count(built);
            ScoreDoc[] all = top.scoreDocs;
            int start = Math.min((page - 1) * PAGE_SIZE, all.length);
            ScoreDoc[] pageDocs = java.util.Arrays.copyOfRange(all, start, all.length);
            String[] snippets = snippets(searcher, built, pageDocs);
            List<SearchHit> hits = new ArrayList<>();
            for (int i = 0; i < pageDocs.length; i++) {
                Document doc = searcher.storedFields().document(pageDocs[i].doc);
                long id = Long.parseLong(doc.get(SearchIndex.ID));
                hits.add(new SearchHit(id, doc.get(SearchIndex.TITLE), ArticlePaths.of(id, doc.get(SearchIndex.SLUG)),
                        snippets[i], doc.get(SearchIndex.SECTION), doc.get(SearchIndex.SECTION_NAME),
                        Instant.ofEpochMilli(doc.getField(SearchIndex.PUBLISHED).numericValue().longValue())));
            }
            return new SearchResults(total, hits, page, PAGE_SIZE, null);
        });
    }

    private String[] snippets(IndexSearcher searcher, Query query, ScoreDoc[] docs) throws IOException {
        if (docs.length == 0) {
            return new String[0];
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getWordInstance(Locale.ROOT), SNIPPET_LENGTH, 0.3f))
                .withMaxNoHighlightPassages(1)
                .build();
        int[] ids = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            ids[i] = docs[i].doc;
        }
        Map<String, String[]> byField = highlighter.highlightFields(new String[] {SearchIndex.BODY}, query, ids, new int[] {1});
        String[] snippets = byField.get(SearchIndex.BODY);
        for (int i = 0; i < snippets.length; i++) {
            if (snippets[i] == null) {
                snippets[i] = "";
            }
        }
        return snippets;
    }

    /** Each word and phrase must match (or, relaxed, any may) in at least one field. */
    private Query textQuery(Parsed parsed, boolean requireAll) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String phrase : parsed.phrases()) {
            Query q = anyField(phrase);
            if (q != null) {
                all.add(q, requireAll ? Occur.MUST : Occur.SHOULD);
                clauses++;
            }
        }
        for (String word : parsed.words()) {
            Query q = anyField(word);
            if (q != null) {
                all.add(q, requireAll ? Occur.MUST : Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? null : all.build();
    }

    private Query anyField(String text) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        boolean found = false;
        for (Map.Entry<String, Float> field : FIELDS.entrySet()) {
            Query q = fieldQuery(field.getKey(), text);
            if (q != null) {
                any.add(new BoostQuery(q, field.getValue()), Occur.SHOULD);
                found = true;
            }
        }
        return found ? any.build() : null;
    }

    /** A term, or a phrase when the text analyzes to several tokens (keeping gaps left by stop words). */
    private Query fieldQuery(String field, String text) {
        List<String> terms = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                terms.add(term.toString());
                positions.add(position);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        if (terms.size() == 1) {
            return new TermQuery(new Term(field, terms.get(0)));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (int i = 0; i < terms.size(); i++) {
            phrase.add(new Term(field, terms.get(i)), positions.get(i));
        }
        return phrase.build();
    }

    private static Query filters(String section, String tag, LocalDate from, LocalDate to) {
        BooleanQuery.Builder filters = new BooleanQuery.Builder();
        boolean any = false;
        if (section != null) {
            filters.add(new TermQuery(new Term(SearchIndex.SECTION, section)), Occur.FILTER);
            any = true;
        }
        if (tag != null) {
            filters.add(new TermQuery(new Term(SearchIndex.TAG, tag)), Occur.FILTER);
            any = true;
        }
        if (from != null || to != null) {
            long lower = from == null ? Long.MIN_VALUE : from.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            long upper = to == null ? Long.MAX_VALUE : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 1;
            filters.add(LongPoint.newRangeQuery(SearchIndex.PUBLISHED, lower, upper), Occur.FILTER);
            any = true;
        }
        return any ? filters.build() : null;
    }

    /** The query with each unknown word replaced by the closest word of the archive, if any changed. */
    private String didYouMean(Parsed parsed) {
        return index.search(searcher -> {
            DirectSpellChecker spell = new DirectSpellChecker();
            String field = SearchIndex.BODY + SearchIndex.EXACT;
            List<String> corrected = new ArrayList<>();
            boolean changed = false;
            for (String word : parsed.words()) {
                List<String> tokens = tokens(field, word);
                if (tokens.size() != 1) {
                    corrected.add(word);
                    continue;
                }
                SuggestWord[] suggestions = spell.suggestSimilar(new Term(field, tokens.get(0)), 1,
                        searcher.getIndexReader(), SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                if (suggestions.length > 0) {
                    corrected.add(suggestions[0].string);
                    changed = true;
                } else {
                    corrected.add(word);
                }
            }
            parsed.phrases().forEach(p -> corrected.add("\"" + p + "\""));
            return changed ? String.join(" ", corrected) : null;
        });
    }

    /** Published articles most like this one by the words of their title and body (MoreLikeThis). */
    @Override
    public List<SimilarArticle> similarTo(long articleId, int limit) {
        return index.search(searcher -> {
            TopDocs self = searcher.search(new TermQuery(new Term(SearchIndex.ID, Long.toString(articleId))), 1);
            if (self.scoreDocs.length == 0) {
                return List.<SimilarArticle>of();
            }
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setFieldNames(new String[] {SearchIndex.TITLE, SearchIndex.BODY});
            mlt.setAnalyzer(analyzer);
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(3);
            mlt.setMaxDocFreqPct(15);
            mlt.setMinWordLen(2);
            mlt.setMaxQueryTerms(60);
            mlt.setBoost(true);
            BooleanQuery.Builder query = new BooleanQuery.Builder()
                    .add(mlt.like(self.scoreDocs[0].doc), Occur.SHOULD)
                    .add(new TermQuery(new Term(SearchIndex.ID, Long.toString(articleId))), Occur.MUST_NOT);
            List<SimilarArticle> similar = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                long id = Long.parseLong(searcher.storedFields().document(hit.doc).get(SearchIndex.ID));
                similar.add(new SimilarArticle(id, hit.score));
            }
            return similar;
        });
    }

    /** Headlines that start with, or contain words starting with, what the reader has typed so far. */
    @Override
    public List<TitleSuggestion> suggest(String typed, int limit) {
        String field = SearchIndex.TITLE + SearchIndex.EXACT;
        List<String> tokens = tokens(field, typed);
        if (tokens.isEmpty()) {
            return List.of();
        }
        boolean lastComplete = Character.isWhitespace(typed.charAt(typed.length() - 1));
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean last = i == tokens.size() - 1;
            if (last && !lastComplete) {
                if (token.length() < 2) {
                    return List.of();
                }
                query.add(new PrefixQuery(new Term(field, token)), Occur.MUST);
            } else {
                query.add(new TermQuery(new Term(field, token)), Occur.MUST);
            }
        }
        Query built = query.build();
        return index.search(searcher -> {
            List<TitleSuggestion> result = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(built, limit, NEWEST).scoreDocs) {
                Document doc = searcher.storedFields().document(hit.doc);
                long id = Long.parseLong(doc.get(SearchIndex.ID));
                result.add(new TitleSuggestion(id, doc.get(SearchIndex.TITLE), ArticlePaths.of(id, doc.get(SearchIndex.SLUG))));
            }
            return result;
        });
    }

    List<String> tokens(String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
