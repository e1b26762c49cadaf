package org.minbar.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.minbar.system.KeptCopies;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The read model of reader pages: published articles, their summaries and the first rows of every
 * list, kept in memory so that a page renders without SQL in the common case. The article events drop
 * what a change makes stale (the article and its summary; every list, since a change may move an
 * article into or out of any of them), now and when the change's transaction ends
 * ({@link KeptCopies}); a copy lives a few seconds at most. The database stays the truth: anything here may be dropped at any time and is
 * read again.
 */
@Component
class ReaderCache {

    /** Bodies are most of an article's weight: about 16 MB of text (UTF-16) for the hottest articles. */
    static final long ARTICLE_CHARS = 8_000_000;
    /** A list keeps this many of its newest rows; deeper pages are read from the database. */
    static final int LIST_ROWS = 60;

    private final KeptCopies copies = new KeptCopies();
    private final Cache<Long, Optional<Article>> articles = Caffeine.newBuilder().maximumWeight(ARTICLE_CHARS)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE)
            .weigher((Long id, Optional<Article> a) -> 200 + a.map(x -> x.bodyHtml().length() + x.title().length()).orElse(0))
            .build();
    private final Cache<Long, Optional<ArticleSummary>> summaries = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE).build();
    private final Cache<Long, Optional<List<Long>>> tagIds = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE).build();
    private final Cache<Object, Object> lists = Caffeine.newBuilder().maximumSize(5_000)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE).build();

    Optional<Article> article(long id, Function<Long, Optional<Article>> load) {
        return copies.kept(() -> articles.getIfPresent(id), () -> load.apply(id), a -> articles.put(id, a));
    }

    /** Summaries of these ids in their order (unknown or unpublished ones left out): the missing ones in one read. */
    List<ArticleSummary> summaries(Collection<Long> ids, Function<Collection<Long>, List<ArticleSummary>> load) {
        Map<Long, ArticleSummary> found = byIds(summaries, ids, missing -> {
            Map<Long, ArticleSummary> read = new HashMap<>();
            load.apply(missing).forEach(s -> read.put(s.id(), s));
            return read;
        });
        List<ArticleSummary> ordered = new ArrayList<>(ids.size());
        ids.forEach(id -> Optional.ofNullable(found.get(id)).ifPresent(ordered::add));
        return ordered;
    }

    /** The tag ids of each of these articles (those without tags or unknown map to none). */
    Map<Long, List<Long>> tagIds(Collection<Long> ids, Function<Collection<Long>, Map<Long, List<Long>>> load) {
        Map<Long, List<Long>> found = byIds(tagIds, ids, load);
        Map<Long, List<Long>> withTags = new HashMap<>();
        found.forEach((id, tags) -> {
            if (!tags.isEmpty()) {
                withTags.put(id, tags);
            }
        });
        return withTags;
    }

    /** What is kept of these ids, the missing ones read in one call (an id it does not return is kept as absent). */
    private <V> Map<Long, V> byIds(Cache<Long, Optional<V>> cache, Collection<Long> ids, Function<Collection<Long>, Map<Long, V>> load) {
        if (!KeptCopies.mayKeep()) {
            return load.apply(ids);
        }
        Map<Long, V> found = new HashMap<>();
        Set<Long> missing = new LinkedHashSet<>();
        for (Long id : ids) {
            Optional<V> kept = cache.getIfPresent(id);
            if (kept == null) {
                missing.add(id);
            } else {
                kept.ifPresent(value -> found.put(id, value));
            }
        }
        if (!missing.isEmpty()) {
            long stamp = copies.stamp();
            Map<Long, V> read = load.apply(missing);
            found.putAll(read);
            Map<Long, Optional<V>> keep = new HashMap<>();
            missing.forEach(id -> keep.put(id, Optional.ofNullable(read.get(id))));
            copies.keep(stamp, () -> cache.putAll(keep));
        }
        return found;
    }

    /** A list or count, under a key naming what it is (a record of the query's parameters). */
    @SuppressWarnings("unchecked")
    <T> T list(Object key, Supplier<T> load) {
        return (T) copies.kept(() -> lists.getIfPresent(key), load::get, value -> lists.put(key, value));
    }

    private void changed(long articleId) {
        copies.changed(() -> {
            articles.invalidate(articleId);
            summaries.invalidate(articleId);
            tagIds.invalidate(articleId);
            lists.invalidateAll();
        });
    }

    @EventListener
    void on(ArticleChanged changed) {
        changed(changed.articleId());
    }

    @EventListener
    void on(ArticlePublished published) {
        changed(published.articleId());
    }

    @EventListener
    void on(ArticleUnpublished unpublished) {
        changed(unpublished.articleId());
    }
}
