package org.minbar.search;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.minbar.article.Article;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.PublishedArticles;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The OpenSearch backend ({@code minbar.search.backend=opensearch}): keeps an index that several
 * nodes share in step with the database, as {@link SearchIndexer} does the Lucene one. Article
 * events write the article (by id, with its version: idempotent across nodes) off the request
 * thread; a write that fails is retried by the periodic check. Search answers "unavailable" (503)
 * while OpenSearch cannot be reached. A rebuild fills a new index and points the alias at it, then
 * indexes again the articles changed meanwhile, on any node.
 */
@Component
@ConditionalOnProperty(name = "minbar.search.backend", havingValue = "opensearch")
class OpenSearchIndexer implements SearchBackend, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchIndexer.class);
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final OpenSearchIndex index;
    private final OpenSearchSearcher searcher;
    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final Duration healthCheckInterval;
    /** Articles whose last write failed: written again by the periodic check. */
    private final Set<Long> failed = ConcurrentHashMap.newKeySet();
    private final AtomicLong changes = new AtomicLong();
    private volatile long lastStamp;
    private volatile boolean rebuildOwed;
    private volatile boolean serving;
    private volatile boolean closing;
    private volatile Instant lastQuietWarning = Instant.EPOCH;
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private final ReentrantLock rebuilding = new ReentrantLock();

    OpenSearchIndexer(SearchProperties properties, PublishedArticles articles, TaxonomyService taxonomy) {
        SearchProperties.OpenSearch settings = properties.opensearch();
        this.index = new OpenSearchIndex(settings.url(), settings.index(), settings.username(), settings.password(),
                settings.timeout());
        this.searcher = new OpenSearchSearcher(index);
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.healthCheckInterval = properties.healthCheckInterval();
    }

    @Override
    public SearchResults search(String text, String section, String tag, LocalDate from, LocalDate to, SearchSort sort, int page) {
        return unavailableOnFailure(() -> searcher.search(text, section, tag, from, to, sort, page));
    }

    @Override
    public List<TitleSuggestion> suggest(String typed, int limit) {
        return unavailableOnFailure(() -> searcher.suggest(typed, limit));
    }

    @Override
    public List<SimilarArticle> similarTo(long articleId, int limit) {
        return unavailableOnFailure(() -> searcher.similarTo(articleId, limit));
    }

    /** OpenSearch away, slow or refusing: the reader gets the same 503 as for an unusable Lucene index. */
    private static <T> T unavailableOnFailure(Supplier<T> search) {
        try {
            return search.get();
        } catch (RuntimeException e) {
            throw new SearchUnavailableException(e);
        }
    }

    @Override
    public void probe() {
        unavailableOnFailure(index::count);
    }

    /** OpenSearch cannot answer now (one small request: readiness asks it). */
    @Override
    public boolean damaged() {
        try {
            probe();
            return false;
        } catch (SearchUnavailableException e) {
            return true;
        }
    }

    @Override
    public boolean rebuilding() {
        return rebuilding.isLocked() || rebuildOwed;
    }

    /** Local writes count at once; other nodes' writes when the periodic check sees the index's stats change. */
    @Override
    public long contentVersion() {
        return changes.get();
    }

    @Override
    public void checkAtStart() {
        try {
            boolean created = index.createIfAbsent();
            long published = articles.countPublished(null, null);
            long indexed = index.count();
            if (created || indexed != published) {
                log.info("OpenSearch index {} has {} of {} published articles; rebuilding it in the background", index.alias(),
                        indexed, published);
                rebuildInBackground();
            }
            lastStamp = index.changeStamp();
        } catch (RuntimeException e) {
            log.warn("OpenSearch ({}) cannot be used ({}); search answers 'unavailable' until it can, then the index is rebuilt",
                    index.alias(), e.toString());
            rebuildOwed = true;
        }
        serving = true;
    }

    @ApplicationModuleListener(readOnlyTransaction = true) // reads the article; the index is not the database
    void on(ArticlePublished event) {
        update(event.articleId());
    }

    @ApplicationModuleListener(readOnlyTransaction = true)
    void on(ArticleChanged event) {
        update(event.articleId());
    }

    @ApplicationModuleListener(readOnlyTransaction = true)
    void on(ArticleUnpublished event) {
        update(event.articleId());
    }

    /** Writes or removes one article; a failure of OpenSearch is noted for the periodic check, not thrown. */
    void update(long id) {
        List<Article> found = articles.publishedArticles(List.of(id));
        try {
            if (found.isEmpty()) {
                index.remove(id);
            } else {
                Article article = found.get(0);
                index.put(SearchIndexer.indexed(taxonomy, article, taxonomy.sectionsById()), article.version());
            }
            failed.remove(id);
            changes.incrementAndGet();
        } catch (RuntimeException e) {
            failed.add(id);
            warnQuietly("Writing article " + id + " to OpenSearch failed; trying again at the next check", e);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::periodicCheck, healthCheckInterval, healthCheckInterval));
    }

    /** Every {@code minbar.search.health-check-interval}: the index exists, failed writes are retried, other nodes' changes noticed. */
    void periodicCheck() {
        if (!serving || closing) {
            return;
        }
        try {
            if (index.createIfAbsent() || rebuildOwed) {
                rebuildInBackground();
            }
            for (Long id : List.copyOf(failed)) {
                update(id);
            }
            long stamp = index.changeStamp();
            if (stamp != lastStamp) {
                lastStamp = stamp;
                changes.incrementAndGet();
            }
        } catch (RuntimeException e) {
            warnQuietly("OpenSearch cannot be reached; search answers 'unavailable' meanwhile", e);
        }
    }

    void rebuildInBackground() {
        if (closing || !rebuildQueued.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                long started = System.nanoTime();
                long done = rebuild(count -> { });
                rebuildOwed = false;
                log.info("OpenSearch index rebuilt: {} articles in {} ms", done, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                rebuildOwed = true;
                log.error("Rebuilding the OpenSearch index failed; trying again at the next check, in {} (or run 'reindex')",
                        healthCheckInterval, e);
            } finally {
                rebuildQueued.set(false);
            }
        }, "search-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    /** Fills a new index from the database, points the alias at it, then writes again what changed meanwhile. */
    @Override
    public long rebuild(LongConsumer progress) {
        rebuilding.lock();
        try {
            Instant started = Instant.now();
            String fresh = index.createFresh();
            boolean swapped = false;
            try {
                Map<Long, Section> sections = taxonomy.sectionsById();
                long done = 0;
                long after = 0;
                List<Long> ids;
                while (!closing && !(ids = articles.publishedIdsAfter(after, SearchIndexer.BATCH)).isEmpty()) {
                    List<Article> batch = articles.publishedArticles(ids);
                    List<IndexedArticle> documents = new ArrayList<>(batch.size());
                    long[] versions = new long[batch.size()];
                    for (int i = 0; i < batch.size(); i++) {
                        documents.add(SearchIndexer.indexed(taxonomy, batch.get(i), sections));
                        versions[i] = batch.get(i).version();
                    }
                    index.bulk(fresh, documents, versions);
                    done += ids.size();
                    after = ids.get(ids.size() - 1);
                    progress.accept(done);
                }
                if (closing) {
                    return done;
                }
                index.refresh(fresh);
                index.pointAliasTo(fresh);
                swapped = true;
                // Changes made while the index filled went to the old one (from any node): write them again.
                articles.idsUpdatedSince(started.minus(SearchIndexer.CATCH_UP_MARGIN)).forEach(this::update);
                changes.incrementAndGet();
                return done;
            } finally {
                if (!swapped) {
                    index.deleteQuietly(fresh);
                }
            }
        } finally {
            rebuilding.unlock();
        }
    }

    private void warnQuietly(String message, Throwable failure) {
        if (Instant.now().isAfter(lastQuietWarning.plus(QUIET))) {
            lastQuietWarning = Instant.now();
            log.warn("{} ({})", message, failure.toString());
        }
    }

    @PreDestroy
    void close() {
        closing = true;
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
