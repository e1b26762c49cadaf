package org.minbar.search;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.minbar.article.PublishedArticles;
import org.minbar.system.ConsistencyCheck;
import org.springframework.core.annotation.Order;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The search index against the database for {@code verify}: the same published articles, each
 * indexed at its current version. In the running site an index update trails its save by up to a
 * second, so a difference is looked at again after {@link #SETTLE} and only one that stays counts.
 */
@Component
@Order(20)
// On OpenSearch the index is shared and versioned by OpenSearch itself; this check reads Lucene's.
@ConditionalOnProperty(name = "minbar.search.backend", havingValue = "lucene", matchIfMissing = true)
class IndexConsistency implements ConsistencyCheck {

    static final long SETTLE_MILLIS = 2_000;
    private static final int BATCH = 5_000;

    private final SearchIndexer indexer;
    private final PublishedArticles articles;

    IndexConsistency(SearchIndexer indexer, PublishedArticles articles) {
        this.indexer = indexer;
        this.articles = articles;
    }

    @Override
    public String subject() {
        return "search index";
    }

    @Override
    public void check(Consumer<String> difference) {
        if (indexer.rebuilding()) {
            difference.accept("the index is being rebuilt from the database; run verify again when it is done");
            return;
        }
        Map<Long, String> found;
        try {
            found = settled();
        } catch (SearchUnavailableException e) {
            difference.accept("the index cannot be read (" + e.getMessage() + "); the site rebuilds it, or run reindex");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            difference.accept("interrupted before the index was checked again");
            return;
        }
        found.values().forEach(difference);
    }

    /**
     * The differences seen in two passes {@link #SETTLE_MILLIS} apart: one that appears only in the
     * second (an update that landed meanwhile) is looked at once more.
     */
    private Map<Long, String> settled() throws InterruptedException {
        Map<Long, String> first = differences();
        if (first.isEmpty()) {
            return first;
        }
        Thread.sleep(SETTLE_MILLIS);
        Map<Long, String> second = differences();
        Map<Long, String> stable = new TreeMap<>(second);
        stable.keySet().retainAll(first.keySet());
        Map<Long, String> fresh = new TreeMap<>(second);
        fresh.keySet().removeAll(first.keySet());
        if (!fresh.isEmpty()) {
            Thread.sleep(SETTLE_MILLIS);
            Map<Long, String> third = differences();
            third.keySet().retainAll(fresh.keySet());
            stable.putAll(third);
        }
        return stable;
    }

    /** Per article id, what is wrong with its entry in the index, in id order. */
    private Map<Long, String> differences() {
        Map<Long, Integer> indexed = indexer.index().indexedVersions();
        Map<Long, String> found = new TreeMap<>();
        long after = 0;
        Map<Long, Integer> batch;
        while (!(batch = articles.publishedVersionsAfter(after, BATCH)).isEmpty()) {
            for (Map.Entry<Long, Integer> article : batch.entrySet()) {
                long id = article.getKey();
                after = id;
                Integer version = indexed.remove(id);
                if (version == null) {
                    found.put(id, "published article " + id + " is missing from the index");
                } else if (version == -1) {
                    found.put(id, "article " + id + " is indexed without its version (an index from before verify; run reindex)");
                } else if (version.intValue() != article.getValue()) {
                    found.put(id, "article " + id + " is indexed at version " + version + " but the database has version "
                            + article.getValue());
                }
            }
        }
        indexed.keySet().forEach(id -> found.put(id, "article " + id + " is in the index but not published in the database"));
        return found;
    }
}
