package org.minbar.search;

import java.io.Reader;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one Arabic analysis chain, used identically for indexing and queries. On top of Lucene's
 * Arabic normalization (hamza forms of alef, taa marbuta, alef maqsura, tashkeel, tatweel), light
 * stemming and stop words, it handles what real text also contains: alef wasla, the superscript
 * alef, Persian/Urdu yeh and keheh pasted from other sources, Arabic-Indic and Eastern digits,
 * zero-width and bidi control characters, and Latin case.
 */
final class ArabicAnalysis {

    /** Fields analyzed without stemming, so that exact forms rank above stem matches. */
    static final String EXACT_SUFFIX = "_exact";

    private static final NormalizeCharMap CHAR_MAP = charMap();
    private static final CharArraySet STOP_WORDS = ArabicAnalyzer.getDefaultStopSet();
    /** Analyzers are thread-safe: one serves every caller of {@link #terms}. */
    private static final Analyzer PER_FIELD = perField();

    private ArabicAnalysis() {
    }

    /** Normalized and stemmed: "والمعضلة" and "المُعضلة" both become "معضل". */
    static Analyzer stemmed() {
        return new Chain(true);
    }

    /** Normalized, not stemmed. */
    static Analyzer exact() {
        return new Chain(false);
    }

    /** Stemmed for most fields, exact for the {@code *_exact} ones. */
    static Analyzer perField() {
        Analyzer stemmed = stemmed();
        Analyzer exact = exact();
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return fieldName.endsWith(EXACT_SUFFIX) ? exact : stemmed;
            }
        };
    }

    private static final class Chain extends Analyzer {
        private final boolean stem;

        Chain(boolean stem) {
            this.stem = stem;
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(CHAR_MAP, reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            result = new DecimalDigitFilter(result);
            // Stop words are dropped as written, before normalization folds «على» and the name «علي» together.
            result = new WrittenStopFilter(result);
            result = new ArabicNormalizationFilter(result);
            if (stem) {
                result = new ArabicStemFilter(result);
            }
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)));
        }
    }

    private static NormalizeCharMap charMap() {
        NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
        charMappings().forEach(map::add);
        return map.build();
    }

    /**
     * What the chain maps before it splits words (also the OpenSearch index's {@code mapping} char
     * filter, see {@link OpenSearchIndex}): other scripts' letters to Arabic ones, and, mapped to
     * nothing, the superscript alef and invisible controls that split or disguise words.
     */
    static Map<String, String> charMappings() {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put("\u0671", "\u0627"); // alef wasla -> alef
        map.put("\u06CC", "\u064A"); // Farsi yeh -> yeh
        map.put("\u06D2", "\u064A"); // yeh barree -> yeh
        map.put("\u06A9", "\u0643"); // keheh -> kaf
        map.put("\u06AA", "\u0643"); // swash kaf -> kaf
        map.put("\u06C1", "\u0647"); // heh goal -> heh
        map.put("\u06D5", "\u0647"); // ae -> heh
        for (String invisible : new String[] {"\u0670", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A",
            "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF", "\u061C", "\u00AD"}) {
            map.put(invisible, "");
        }
        return map;
    }

    /** The words of {@code text} as {@code field} indexes them (see {@link #perField()}). */
    static java.util.List<String> terms(String field, String text) {
        java.util.List<String> terms = new java.util.ArrayList<>();
        try (TokenStream stream = PER_FIELD.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * Drops Lucene's Arabic stop words as they are written, tashkeel and tatweel aside («فِي» is
     * «في»). Comparing after normalization would also drop words that only normalize like a stop
     * word: the name «علي» (like «على»), «الي»... The list already holds the usual spellings of each
     * stop word (إلى، الى، الي، أن، ان...).
     */
    static final class WrittenStopFilter extends FilteringTokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private char[] bare = new char[32];

        WrittenStopFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            char[] chars = term.buffer();
            int length = term.length();
            if (bare.length < length) {
                bare = new char[length];
            }
            int n = 0;
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                boolean mark = (c >= '\u064B' && c <= '\u0652') || c == '\u0640'; // tashkeel, tatweel
                if (!mark) {
                    bare[n++] = c;
                }
            }
            return !STOP_WORDS.contains(bare, 0, n);
        }
    }
}
