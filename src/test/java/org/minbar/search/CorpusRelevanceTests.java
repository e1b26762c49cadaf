package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Relevance on real articles: each query is written in another spelling than its expected
 * articles (see src/test/resources/search/relevance-queries.tsv), and must find them in the first
 * ten results. Runs in every build on the part of the corpus committed in
 * src/test/resources/corpus/ ({@link CorpusSubset}): it holds every expected article and every
 * article that the full corpus ranks in a query's first 20 results, so what competes for the top
 * ten on the full corpus competes here too (word weights differ, the corpus being smaller). Runs
 * on both backends.
 */
@ParameterizedClass
@EnumSource(SearchBackends.class)
class CorpusRelevanceTests {

    static final int TOP = 10;
    static SearchBackends.Indexed searcher;

    @Parameter
    SearchBackends backend; // the invocation's backend; its index is made once per invocation, below
    static Map<String, Long> idsByCorpusId = new HashMap<>();

    record RelevanceQuery(String query, List<String> expected, String rule) {
    }

    static List<RelevanceQuery> queries() throws IOException {
        try (InputStream in = CorpusRelevanceTests.class.getResourceAsStream("/search/relevance-queries.tsv")) {
            List<RelevanceQuery> queries = new ArrayList<>();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                if (!line.isBlank()) {
                    String[] columns = line.split("\t");
                    queries.add(new RelevanceQuery(columns[0], Arrays.asList(columns[1].split(",")), columns[2]));
                }
            }
            return queries;
        }
    }

    static Stream<Arguments> relevanceQueries() throws IOException {
        return queries().stream().map(q -> Arguments.of(q.rule(), q.query(), q.expected()));
    }

    @BeforeParameterizedClassInvocation
    static void indexCorpus(SearchBackends backend) {
        List<SearchFixtures.CorpusArticle> corpus = CorpusSubset.articles();
        searcher = backend.index(corpus.stream().map(SearchFixtures.CorpusArticle::article).toList());
        corpus.forEach(c -> idsByCorpusId.put(c.corpusId(), c.article().id()));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        if (searcher != null) {
            searcher.close();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("relevanceQueries")
    void findsArticlesWrittenInAnotherSpelling(String rule, String query, List<String> expected) {
        List<Long> found = searcher.search(query, null, null, null, null, SearchSort.RELEVANCE, 1).hits().stream()
                .map(SearchHit::id).limit(TOP).toList();
        List<Long> wanted = expected.stream().map(idsByCorpusId::get).toList();
        assertThat(wanted).as("expected ids exist in the corpus").doesNotContainNull();
        assertThat(found).as("%s (%s) in the first %d results", query, rule, TOP).containsAll(wanted);
    }
}
