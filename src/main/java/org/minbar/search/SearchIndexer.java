package org.minbar.search;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.minbar.article.Article;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.Contributor;
import org.minbar.system.DataDirectory;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps the index in step with the database: article events update it within a second, and a
 * missing, corrupt or out-of-step index is rebuilt in the background while pages serve, at start
 * and whenever the site finds it damaged (a failed search or write, or the periodic check). A
 * rebuild fills a fresh directory and swaps it in; changes made meanwhile are applied to it
 * before the swap, so none is lost.
 */
@Component
@ConditionalOnProperty(name = "minbar.search.backend", havingValue = "lucene", matchIfMissing = true)
class SearchIndexer implements Searchable, SearchBackend, SchedulingConfigurer {

    static final int BATCH = 500;
    static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(10);
    /** A failure the index checks out after is logged at most this often (a full disk fails every commit). */
    private static final Duration QUIET = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    private final Path path;
    private volatile SearchIndex index;
    /** Generations of the index since start: a rebuilt index counts its versions from scratch. */
    private volatile long generation;
    /** The index is damaged: searches answer "unavailable", changes wait for the rebuild. */
    private volatile boolean damaged;
    /** A rebuild is reading the database: changed articles are noted here and applied before the swap. */
    private boolean collecting;
    private final Set<Long> pending = new HashSet<>();
    /** Held while a change is applied and while the rebuilt index is swapped in. */
    private final ReentrantLock swapping = new ReentrantLock();
    private volatile boolean swappingIn;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    /**
     * A rebuild failed (the database was busy or away): the periodic check tries it again. Without
     * this a rebuild that failed on a healthy index was never retried, and the index stayed short of
     * the articles whose own updates had failed too (seen at a first start on a two-connection pool).
     */
    private volatile boolean rebuildOwed;
    private volatile Instant lastQuietWarning = Instant.EPOCH;
    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    /** The site is serving (not a command line run): the periodic check may run. */
    private volatile boolean serving;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile boolean closing;

    private final ObjectProvider<ThreadPoolTaskExecutor> listenerExecutor;
    private final Duration healthCheckInterval;
    private final ArticleSearcher searcher = new ArticleSearcher(this);

    SearchIndexer(DataDirectory data, PublishedArticles articles, TaxonomyService taxonomy,
            @Qualifier("applicationTaskExecutor") ObjectProvider<ThreadPoolTaskExecutor> listenerExecutor,
            SearchProperties properties) {
        this.path = data.directory("index");
        this.index = SearchIndex.open(path);
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.listenerExecutor = listenerExecutor;
        this.healthCheckInterval = properties.healthCheckInterval();
    }

    /** The current index (a rebuild replaces it). */
    SearchIndex index() {
        return index;
    }

    /**
     * Runs a search on the current index. A failure is retried once when the index was swapped
     * meanwhile; otherwise the index is checked in the background and the caller gets
     * {@link SearchUnavailableException}, as it does at once while a damaged index is rebuilt.
     */
    @Override
    public <T> T search(SearchIndex.SearchFunction<T> function) {
        if (swappingIn) {
            swapping.lock(); // a rebuilt index is being swapped in: a moment's wait
            swapping.unlock();
        }
        if (damaged) {
            throw new SearchUnavailableException(null);
        }
        SearchIndex current = index;
        try {
            return current.search(function);
        } catch (IndexSearcher.TooManyClauses e) {
            throw e; // the query, not the index
        } catch (RuntimeException | InternalError e) {
            if (current != index || swapping.isLocked()) {
                swapping.lock(); // wait for a swap in progress
                swapping.unlock();
                if (current != index && !damaged) {
                    try {
                        return index.search(function);
                    } catch (RuntimeException | InternalError again) {
                        suspect(again);
                        throw new SearchUnavailableException(again);
                    }
                }
            }
            suspect(e);
            throw new SearchUnavailableException(e);
        }
    }

    @Override
    public SearchResults search(String text, String section, String tag, java.time.LocalDate from, java.time.LocalDate to,
            SearchSort sort, int page) {
        return searcher.search(text, section, tag, from, to, sort, page);
    }

    @Override
    public List<TitleSuggestion> suggest(String typed, int limit) {
        return searcher.suggest(typed, limit);
    }

    @Override
    public List<SimilarArticle> similarTo(long articleId, int limit) {
        return searcher.similarTo(articleId, limit);
    }

    /** Throws {@link SearchUnavailableException} while the index is damaged or its quick check fails. */
    @Override
    public void probe() {
        if (damaged) {
            throw new SearchUnavailableException(null);
        }
        try {
            index.verify(false);
        } catch (IOException | RuntimeException e) {
            throw new SearchUnavailableException(e);
        }
    }

    /** Changes whenever the searchable content changes, across rebuilds too. */
    @Override
    public long contentVersion() {
        long version = search(searcher -> ((DirectoryReader) searcher.getIndexReader()).getVersion());
        return generation << 40 | (version & ((1L << 40) - 1));
    }

    /** The index cannot be used: searches answer "unavailable" until the rebuild swaps a new one in. */
    @Override
    public boolean damaged() {
        return damaged;
    }

    /** A rebuild is running or due (at start, or after damage). */
    @Override
    public boolean rebuilding() {
        return damaged || rebuildQueued.get() || rebuilding.isLocked();
    }

    /** Catches up with the database when the site starts ({@link IndexCheckAtStart}); a command run on its own does not. */
    @Override
    public void checkAtStart() {
        boolean rebuild;
        try {
            // Changes applied but not committed before a crash: index them again.
            index.lastCommit().ifPresent(committed -> {
                List<Long> recent = articles.idsUpdatedSince(committed.minus(CATCH_UP_MARGIN));
                recent.forEach(this::update);
                index.commitIfChanged();
            });
            long published = articles.countPublished(null, null);
            int indexed = index.documentCount();
            boolean unversioned = index.lacksVersions();
            rebuild = index.createdFresh() || indexed != published || unversioned;
            if (unversioned) {
                log.info("Search index predates the articles' version stamps that verify compares; rebuilding it in the background");
            } else if (rebuild) {
                log.info("Search index has {} of {} published articles; rebuilding it in the background", indexed, published);
            }
        } catch (RuntimeException | InternalError e) {
            log.warn("The search index in {} cannot be used ({}); rebuilding it in the background", path, e.toString());
            damaged = true;
            rebuild = true;
        }
        if (rebuild) {
            rebuildInBackground();
        }
        serving = true;
    }

    @ApplicationModuleListener(readOnlyTransaction = true) // reads the article; the index is not the database
    void on(ArticlePublished event) {
        update(event.articleId());
    }

    @ApplicationModuleListener(readOnlyTransaction = true) // reads the article; the index is not the database
    void on(ArticleChanged event) {
        update(event.articleId());
    }

    @ApplicationModuleListener(readOnlyTransaction = true) // reads the article; the index is not the database
    void on(ArticleUnpublished event) {
        update(event.articleId());
    }

    /**
     * Visible to searches within a tenth of a second; made durable by the next periodic commit.
     * A failure to read the database fails the event (it is delivered again); a failure of the
     * index does not: the article is noted for the rebuild that follows.
     */
    private void update(long id) {
        long started = System.nanoTime();
        List<Article> found = articles.publishedArticles(List.of(id));
        IndexedArticle indexed = found.isEmpty() ? null : indexed(found.get(0), sectionsById());
        swapping.lock();
        try {
            if (collecting) {
                pending.add(id);
            }
            if (damaged) {
                return;
            }
            try {
                apply(index, id, indexed);
            } catch (RuntimeException | InternalError e) {
                suspect(e);
            }
        } finally {
            swapping.unlock();
        }
        log.debug("Indexed article {} in {} ms", id, (System.nanoTime() - started) / 1_000_000);
    }

    private static void apply(SearchIndex target, long id, IndexedArticle indexed) {
        if (indexed == null) {
            target.remove(id);
        } else {
            target.put(indexed);
        }
    }

    /** One reopen of the searchers per tenth of a second at most, however many articles change. */
    @Scheduled(fixedDelay = 100)
    void showChanges() {
        SearchIndex current = index;
        if (!damaged) {
            try {
                current.refreshIfChanged();
            } catch (RuntimeException | InternalError e) {
                if (current == index) {
                    suspect(e);
                }
            }
        }
    }

    /** One commit (an fsync) a second at most. */
    @Scheduled(fixedDelay = 1000)
    void commitChanges() {
        SearchIndex current = index;
        if (!damaged) {
            try {
                current.commitIfChanged();
            } catch (RuntimeException | InternalError e) {
                if (current == index) {
                    suspect(e);
                }
            }
        }
    }

    /** Schedules {@link #periodicCheck()} every {@code minbar.search.health-check-interval}, the first after one interval. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::periodicCheck, healthCheckInterval, healthCheckInterval));
    }

    /**
     * Every {@code minbar.search.health-check-interval}: a quick check that the directory, the
     * last commit and the searchers are usable (a deleted directory is noticed even when nothing
     * searches or publishes), and another try of a rebuild that failed.
     */
    void periodicCheck() {
        if (!serving || closing) {
            return;
        }
        if (damaged || rebuildOwed) {
            rebuildInBackground();
        } else if (!rebuilding.isLocked()) {
            check(false, null);
        }
    }

    /** Something failed on the index: check it thoroughly, in the background, one check at a time. */
    private void suspect(Throwable failure) {
        if (closing || damaged || !checking.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                check(true, failure);
            } finally {
                checking.set(false);
            }
        }, "search-check");
        thread.setDaemon(true);
        thread.start();
    }

    private void check(boolean deep, Throwable failure) {
        SearchIndex current = index;
        if (damaged || rebuilding.isLocked()) {
            return; // a rebuild replaces the index anyway
        }
        try {
            current.verify(deep);
            if (failure != null && Instant.now().isAfter(lastQuietWarning.plus(QUIET))) {
                lastQuietWarning = Instant.now();
                log.warn("A search index operation failed, but the index in {} checks out", path, failure);
            }
        } catch (Exception | InternalError problem) {
            if (markDamaged(current)) {
                log.warn("The search index in {} is damaged ({}); search answers 'temporarily unavailable' while the index is "
                        + "rebuilt from the database", path, problem.toString(), failure);
                rebuildInBackground();
            }
        }
    }

    /** True for the one caller that finds {@code checked} (still the current index) damaged first. */
    private synchronized boolean markDamaged(SearchIndex checked) {
        if (damaged || closing || checked != index) {
            return false;
        }
        damaged = true;
        return true;
    }

    void rebuildInBackground() {
        if (closing || !rebuildQueued.compareAndSet(false, true)) {
            return;
        }
        Thread rebuild = new Thread(() -> {
            try {
                long started = System.nanoTime();
                long done = rebuild(count -> { });
                rebuildOwed = false;
                log.info("Search index rebuilt: {} articles in {} ms", done, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                rebuildOwed = true;
                log.error("Rebuilding the search index failed; trying again at the next check, in {} (or run 'reindex')",
                        healthCheckInterval, e);
            } finally {
                rebuildQueued.set(false);
            }
        }, "search-rebuild");
        rebuild.setDaemon(true);
        rebuild.start();
    }

    /**
     * Rebuilds the whole index from the database into a fresh directory, reporting how many
     * articles are done, and swaps it in; one rebuild at a time. Searches use the current index
     * meanwhile (or answer "unavailable" when it is damaged).
     */
    @Override
    public long rebuild(LongConsumer progress) {
        rebuilding.lock();
        try {
            if (closing) {
                return 0;
            }
            Path fresh = path.resolveSibling(path.getFileName() + ".rebuilding");
            swapping.lock();
            try {
                collecting = true;
                pending.clear();
            } finally {
                swapping.unlock();
            }
            SearchIndex building = SearchIndex.create(fresh);
            boolean swapped = false;
            try {
                Map<Long, Section> sections = sectionsById();
                long done = 0;
                long after = 0;
                List<Long> ids;
                while (!closing && !(ids = articles.publishedIdsAfter(after, BATCH)).isEmpty()) {
                    for (Article article : articles.publishedArticles(ids)) {
                        building.put(indexed(article, sections));
                    }
                    done += ids.size();
                    after = ids.get(ids.size() - 1);
                    progress.accept(done);
                }
                if (closing) {
                    return done;
                }
                swapIn(building, fresh);
                swapped = true;
                return done;
            } finally {
                if (!swapped) {
                    building.discard();
                    deleteQuietly(fresh);
                }
                swapping.lock();
                try {
                    collecting = false;
                    pending.clear();
                } finally {
                    swapping.unlock();
                }
            }
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Applies the changes made during the rebuild, then replaces the index directory by the fresh
     * one and opens it; no change can slip in between (they wait for {@link #swapping}).
     */
    private void swapIn(SearchIndex building, Path fresh) {
        Path old = path.resolveSibling(path.getFileName() + ".old");
        swapping.lock();
        try {
            Map<Long, Section> sections = sectionsById();
            List<Long> changed = List.copyOf(pending);
            for (Article article : articles.publishedArticles(changed)) {
                building.put(indexed(article, sections));
            }
            Set<Long> stillPublished = new HashSet<>();
            articles.publishedArticles(changed).forEach(a -> stillPublished.add(a.id()));
            changed.stream().filter(id -> !stillPublished.contains(id)).forEach(building::remove);
            building.commit();
            try {
                building.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Searches starting now wait for the swap (see search()); the old index is closed first,
            // as its writer holds the directory's lock.
            swappingIn = true;
            index.discard();
            try {
                deleteQuietly(old);
                if (Files.exists(path)) {
                    Files.move(path, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(fresh, path, StandardCopyOption.ATOMIC_MOVE);
                index = SearchIndex.open(path);
                generation++;
                damaged = false;
            } catch (IOException | RuntimeException e) {
                damaged = true; // the periodic check tries again
                throw new IllegalStateException("Cannot move the rebuilt search index into " + path, e);
            }
        } finally {
            swappingIn = false;
            swapping.unlock();
        }
        deleteQuietly(old);
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                SearchIndex.deleteContents(dir);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", dir, e.toString());
        }
    }

    private Map<Long, Section> sectionsById() {
        return taxonomy.sectionsById();
    }

    private IndexedArticle indexed(Article a, Map<Long, Section> sections) {
        return indexed(taxonomy, a, sections);
    }

    /** What the index keeps of an article (both backends index the same). */
    static IndexedArticle indexed(TaxonomyService taxonomy, Article a, Map<Long, Section> sections) {
        Section section = a.sectionId() == null ? null : sections.get(a.sectionId());
        List<Tag> tags = taxonomy.tags(a.tagIds());
        return new IndexedArticle(a.id(), a.slug(), a.title(), a.excerpt(), plainText(a.bodyHtml()), promoTitles(a.bodyHtml()),
                section == null ? null : section.slug(), section == null ? null : section.name(),
                tags.stream().map(Tag::slug).toList(), tags.stream().map(Tag::name).toList(),
                a.contributors().stream().map(Contributor::name).toList(),
                a.publishedAt() == null ? 0 : a.publishedAt().toInstant().toEpochMilli(), a.version());
    }

    /** The titles of the body's read-also promos: on the page, but about other articles, so they weigh little. */
    static String promoTitles(String bodyHtml) {
        if (!bodyHtml.contains("<aside")) {
            return ""; // most bodies have none: no second parse
        }
        return Jsoup.parseBodyFragment(bodyHtml).select("aside").eachText().stream().collect(Collectors.joining("\n"));
    }

    private static final Set<String> TEXT_BLOCKS = java.util.Set.of("p", "li", "blockquote");

    /** The body's text, a block a line; read-also promos are indexed apart (see {@link #promoTitles}). */
    static String plainText(String bodyHtml) {
        Document doc = Jsoup.parseBodyFragment(bodyHtml);
        doc.select("aside").remove();
        List<String> blocks = new ArrayList<>();
        for (Element block : doc.select("p, h2, h3, li, blockquote, figcaption")) {
            if (block.parents().stream().noneMatch(p -> TEXT_BLOCKS.contains(p.normalName()))) {
                blocks.add(block.text());
            }
        }
        return blocks.isEmpty() ? doc.text() : String.join("\n", blocks);
    }

    /**
     * Lets the event listeners that are running finish (they need the index and the database,
     * both still open here), then commits and closes the index. Queued events are left for the
     * next start, which delivers them again.
     */
    @PreDestroy
    void close() throws IOException {
        closing = true;
        rebuilding.lock(); // a rebuild in progress stops at its next batch
        try {
            listenerExecutor.ifAvailable(executor -> {
                executor.getThreadPoolExecutor().getQueue().clear();
                executor.getThreadPoolExecutor().shutdown();
                try {
                    if (!executor.getThreadPoolExecutor().awaitTermination(10, TimeUnit.SECONDS)) {
                        log.warn("Event listeners still running at shutdown; their events will be delivered again at start");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            if (damaged) {
                index.discard();
            } else {
                index.commitIfChanged();
                index.close();
            }
        } catch (IOException | RuntimeException | InternalError e) {
            log.warn("Closing the search index failed ({}); the next start checks it", e.toString());
            index.discard();
        } finally {
            rebuilding.unlock();
        }
    }
}
