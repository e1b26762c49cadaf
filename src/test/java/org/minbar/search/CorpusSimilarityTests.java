package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On the corpus, the articles most like one by text mostly share its category. Skipped without the corpus. */
class CorpusSimilarityTests {

    @Test
    void similarArticlesMostlyShareTheCategory() throws Exception {
        assumeTrue(Files.isRegularFile(SearchFixtures.CORPUS),
                "Skipped: the corpus is not at " + SearchFixtures.CORPUS.toAbsolutePath() + " (it comes with shared/)");
        List<SearchFixtures.CorpusArticle> corpus = SearchFixtures.corpus();
        Map<Long, String> category = new HashMap<>();
        // Sections are left out of the index here: the category must be found from the text alone.
        List<IndexedArticle> articles = corpus.stream().map(c -> {
            IndexedArticle a = c.article();
            category.put(a.id(), a.sectionSlug());
            return new IndexedArticle(a.id(), a.slug(), a.title(), a.excerpt(), a.body(), a.promos(), null, null,
                    List.of(), List.of(), List.of(), a.publishedMillis());
        }).toList();
        try (SearchIndex index = SearchFixtures.index(articles)) {
            ArticleSearcher searcher = new ArticleSearcher(index);
            int hits = 0;
            int shown = 0;
            for (int i = 0; i < articles.size(); i += 25) {
                long id = articles.get(i).id();
                for (SimilarArticle similar : searcher.similarTo(id, 5)) {
                    assertThat(similar.id()).isNotEqualTo(id);
                    shown++;
                    if (category.get(similar.id()).equals(category.get(id))) {
                        hits++;
                    }
                }
            }
            double precision = hits / (double) shown;
            System.out.printf("Text-only precision@5 over %d related articles: %.3f%n", shown, precision);
            assertThat(precision).isGreaterThan(0.68);
        }
    }
}
