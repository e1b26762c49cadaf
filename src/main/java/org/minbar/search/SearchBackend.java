package org.minbar.search;

import java.util.function.LongConsumer;

/**
 * Where the archive is indexed and searched, chosen by {@code minbar.search.backend}: a Lucene
 * index on this node's disk ({@link SearchIndexer}, the default), or an OpenSearch index that
 * several nodes share ({@link OpenSearchIndexer}). Either keeps itself in step with the database
 * through the article events, and answers {@link SearchUnavailableException} when it cannot search.
 */
interface SearchBackend extends ArticleQueries {

    /** Changes whenever the searchable content changes: a key for caches of derived results. */
    long contentVersion();

    /** Rebuilds the index from the database, reporting progress; returns the number of articles indexed. */
    long rebuild(LongConsumer progress);

    /** Catches up with the database when the site starts (in the background where it takes long). */
    void checkAtStart();

    /** Throws when the backend cannot answer searches now (for a readiness probe). */
    void probe();

    /** The index cannot be used: searches answer "unavailable" until it is rebuilt or reachable again. */
    boolean damaged();

    /** A rebuild is running or due: searches may miss articles meanwhile. */
    boolean rebuilding();
}
