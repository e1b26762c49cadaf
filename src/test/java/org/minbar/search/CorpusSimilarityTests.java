package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On real articles, the articles most like one by text mostly share its category. Runs in every
 * build on the part of the corpus committed in src/test/resources/corpus/ ({@link CorpusSubset}),
 * on both backends.
 */
@ParameterizedClass
@EnumSource(SearchBackends.class)
class CorpusSimilarityTests {

    @Parameter
    SearchBackends backend;

    @Test
    void similarArticlesMostlyShareTheCategory() throws Exception {
        List<SearchFixtures.CorpusArticle> corpus = CorpusSubset.articles();
        Map<Long, String> category = new HashMap<>();
        // Sections are left out of the index here: the category must be found from the text alone.
        List<IndexedArticle> articles = corpus.stream().map(c -> {
            IndexedArticle a = c.article();
            category.put(a.id(), a.sectionSlug());
            return new IndexedArticle(a.id(), a.slug(), a.title(), a.excerpt(), a.body(), a.promos(), null, null,
                    List.of(), List.of(), List.of(), a.publishedMillis());
        }).toList();
        // What 5 random other articles would score: the chance that one has the source's category.
        Map<String, Long> sizes = category.values().stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        double random = category.values().stream().mapToDouble(c -> (sizes.get(c) - 1) / (double) (articles.size() - 1))
                .average().orElseThrow();
        try (SearchBackends.Indexed searcher = backend.index(articles)) {
            int hits = 0;
            int shown = 0;
            // Every article is a source (the full corpus test took every 25th of 9,974).
            for (IndexedArticle source : articles) {
                long id = source.id();
                for (SimilarArticle similar : searcher.similarTo(id, 5)) {
                    assertThat(similar.id()).isNotEqualTo(id);
                    shown++;
                    if (category.get(similar.id()).equals(category.get(id))) {
                        hits++;
                    }
                }
            }
            double precision = hits / (double) shown;
            System.out.printf("Text-only precision@5 over %d related articles of %d sources: %.3f (random lists: %.3f)%n",
                    shown, articles.size(), precision, random);
            assertThat(shown).as("related articles shown").isGreaterThan(articles.size() * 4);
            // Measured 0.593 on this subset. On the full corpus bench/recommend.sh measures 0.706 text only,
            // and this test, run there on every 25th article, asked for more than 0.68. The
            // subset is lower because its categories are balanced (40 articles each, against 47.5%
            // localNews in the full corpus): a source has 39 articles of its category to find instead of
            // hundreds, and random lists score 0.109 here against 0.28 there. The threshold keeps a margin
            // like the full corpus's (about 5% of the measured figure): a weaker analysis or MoreLikeThis
            // setting fails it.
            assertThat(precision).isGreaterThan(0.56);
            assertThat(precision).as("against random lists").isGreaterThan(4 * random);
        }
    }
}
