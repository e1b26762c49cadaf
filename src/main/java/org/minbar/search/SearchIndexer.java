package org.minbar.search;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
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
import org.minbar.article.ArticleService;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Keeps the index in step with the database: article events update it within a second, and a
 * missing, corrupt or out-of-step index is rebuilt in the background at start while pages serve.
 */
@Component
class SearchIndexer {

    static final int BATCH = 500;
    static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    private final SearchIndex index;
    private final ArticleService articles;
    private final TaxonomyService taxonomy;
    private final boolean cli;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile boolean closing;

    private final ObjectProvider<ThreadPoolTaskExecutor> listenerExecutor;

    SearchIndexer(DataDirectory data, ArticleService articles, TaxonomyService taxonomy,
            @Value("${minbar.cli:false}") boolean cli,
            @Qualifier("applicationTaskExecutor") ObjectProvider<ThreadPoolTaskExecutor> listenerExecutor) {
        this.index = SearchIndex.open(data.directory("index"));
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.cli = cli;
        this.listenerExecutor = listenerExecutor;
    }

    SearchIndex index() {
        return index;
    }

    @EventListener
    void checkAtStart(ApplicationReadyEvent event) {
        if (cli) {
            return;
        }
        // Changes applied but not committed before a crash: index them again.
        index.lastCommit().ifPresent(committed -> {
            List<Long> recent = articles.idsUpdatedSince(committed.minus(CATCH_UP_MARGIN));
            recent.forEach(this::apply);
            index.commitIfChanged();
        });
        long published = articles.countPublished(null, null);
        int indexed = index.documentCount();
        if (index.createdFresh() || indexed != published) {
            log.info("Search index has {} of {} published articles; rebuilding it in the background", indexed, published);
            Thread rebuild = new Thread(() -> {
                try {
                    rebuild(done -> { });
                } catch (RuntimeException e) {
                    log.error("Rebuilding the search index failed; run 'reindex' to try again", e);
                }
            }, "search-rebuild");
            rebuild.setDaemon(true);
            rebuild.start();
        }
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        update(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        update(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        update(event.articleId());
    }

    /** Visible to searches within a tenth of a second; made durable by the next periodic commit. */
    private void update(long id) {
        long started = System.nanoTime();
        apply(id);
        log.debug("Indexed article {} in {} ms", id, (System.nanoTime() - started) / 1_000_000);
    }

    private void apply(long id) {
        List<Article> found = articles.publishedArticles(List.of(id));
        if (found.isEmpty()) {
            index.remove(id);
        } else {
            index.put(indexed(found.get(0), sectionsById()));
        }
    }

    /** One reopen of the searchers per tenth of a second at most, however many articles change. */
    @Scheduled(fixedDelay = 100)
    void showChanges() {
        index.refreshIfChanged();
    }

    /** One commit (an fsync) a second at most. */
    @Scheduled(fixedDelay = 1000)
    void commitChanges() {
        index.commitIfChanged();
    }

    /** Rebuilds the whole index from the database, reporting how many articles are done; one rebuild at a time. */
    long rebuild(LongConsumer progress) {
        rebuilding.lock();
        try {
            index.removeAll();
            Map<Long, Section> sections = sectionsById();
            long done = 0;
            long after = 0;
            List<Long> ids;
            while (!closing && !(ids = articles.publishedIdsAfter(after, BATCH)).isEmpty()) {
                for (Article article : articles.publishedArticles(ids)) {
                    index.put(indexed(article, sections));
                }
                done += ids.size();
                after = ids.get(ids.size() - 1);
                index.refresh();
                progress.accept(done);
            }
            index.commit();
            return done;
        } finally {
            rebuilding.unlock();
        }
    }

    private Map<Long, Section> sectionsById() {
        return taxonomy.sections().stream().collect(Collectors.toMap(Section::id, Function.identity()));
    }

    private IndexedArticle indexed(Article a, Map<Long, Section> sections) {
        Section section = a.sectionId() == null ? null : sections.get(a.sectionId());
        List<Tag> tags = taxonomy.tags(a.tagIds());
        return new IndexedArticle(a.id(), a.slug(), a.title(), a.excerpt(), plainText(a.bodyHtml()), promoTitles(a.bodyHtml()),
                section == null ? null : section.slug(), section == null ? null : section.name(),
                tags.stream().map(Tag::slug).toList(), tags.stream().map(Tag::name).toList(),
                a.contributors().stream().map(Contributor::name).toList(),
                a.publishedAt() == null ? 0 : a.publishedAt().toInstant().toEpochMilli());
    }

    /** The titles of the body's read-also promos: on the page, but about other articles, so they weigh little. */
    static String promoTitles(String bodyHtml) {
        return Jsoup.parseBodyFragment(bodyHtml).select("aside").eachText().stream().collect(Collectors.joining("\n"));
    }

    /** The body's text, a block a line; read-also promos are indexed apart (see {@link #promoTitles}). */
    static String plainText(String bodyHtml) {
        Document doc = Jsoup.parseBodyFragment(bodyHtml);
        doc.select("aside").remove();
        List<String> blocks = new ArrayList<>();
        for (Element block : doc.select("p, h2, h3, li, blockquote, figcaption")) {
            if (block.parents().stream().noneMatch(p -> p.normalName().matches("p|li|blockquote"))) {
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
            index.commitIfChanged();
        } finally {
            try {
                index.close();
            } finally {
                rebuilding.unlock();
            }
        }
    }
}
