package org.minbar.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.minbar.support.TestOpenSearch;

/**
 * The backends the shared search tests run on ({@code @ParameterizedClass @EnumSource(SearchBackends.class)}):
 * Lucene in memory, and a fresh index on the test JVM's real OpenSearch node ({@link TestOpenSearch}).
 */
enum SearchBackends {

    LUCENE {
        @Override
        Indexed index(List<IndexedArticle> articles) {
            SearchIndex index = SearchFixtures.index(articles);
            return new Indexed(new ArticleSearcher(index), index::close);
        }
    },
    OPENSEARCH {
        @Override
        Indexed index(List<IndexedArticle> articles) {
            String name = "test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
            OpenSearchIndex index = new OpenSearchIndex(URI.create(TestOpenSearch.url()), name, null, null, Duration.ofSeconds(30));
            index.createIfAbsent();
            for (int i = 0; i < articles.size(); i += 500) {
                List<IndexedArticle> batch = articles.subList(i, Math.min(articles.size(), i + 500));
                index.bulk(index.alias(), batch, new long[batch.size()]);
            }
            index.refresh(index.alias());
            return new Indexed(new OpenSearchSearcher(index), () -> {
                index.aliasTargets().forEach(index::deleteQuietly);
                index.close();
            });
        }
    };

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A new index holding {@code articles}, searchable at once. */
    abstract Indexed index(List<IndexedArticle> articles);

    interface Closer {
        void close() throws IOException;
    }

    /** An index to search, closed (and on OpenSearch deleted) after the test class. */
    record Indexed(ArticleQueries queries, Closer closer) implements ArticleQueries, AutoCloseable {

        @Override
        public SearchResults search(String text, String section, String tag, LocalDate from, LocalDate to, SearchSort sort,
                int page) {
            return queries.search(text, section, tag, from, to, sort, page);
        }

        @Override
        public List<TitleSuggestion> suggest(String typed, int limit) {
            return queries.suggest(typed, limit);
        }

        @Override
        public List<SimilarArticle> similarTo(long articleId, int limit) {
            return queries.similarTo(articleId, limit);
        }

        @Override
        public void close() {
            try {
                closer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
