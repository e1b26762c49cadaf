package org.minbar.search;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most so many searches at once (a bulkhead): a search holds memory for its hits and snippets
 * and a core while it runs, so 256 readers searching at once on a 256 MB heap ran it out of memory,
 * and H2 closes its database on an OutOfMemoryError: the whole site went down with search. A search
 * beyond the limit waits a moment for one to end, then is answered "busy" (503 with Retry-After);
 * pages, feeds and the newsroom are not slowed by a crowd of searches.
 */
final class SearchLimit {

    private final Semaphore running;
    private final long waitNanos;

    SearchLimit(int concurrent, Duration wait) {
        this.running = new Semaphore(concurrent, true);
        this.waitNanos = wait.toNanos();
    }

    <T> T run(Supplier<T> search) {
        boolean admitted;
        try {
            admitted = running.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SearchUnavailableException.busy();
        }
        if (!admitted) {
            throw SearchUnavailableException.busy();
        }
        try {
            return search.get();
        } finally {
            running.release();
        }
    }
}
