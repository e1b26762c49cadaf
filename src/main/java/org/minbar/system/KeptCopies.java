package org.minbar.system;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rules for in-memory copies of database rows (the read models of reader pages), in one place.
 * A copy is dropped when a change is made and again when the change's transaction ends, before any
 * listener that runs after the commit. A row read while a change ended is not kept: the reader may
 * have read it just before the commit (the change counter is compared and the copy kept under the
 * lock the dropping takes). Reads inside a read-write transaction are never kept: they may see what
 * is not committed, or will be rolled back. A copy lives {@link #TIME_TO_LIVE} at most, so that a change
 * this process hears no event of (SQL by hand, another node) shows within it.
 */
public final class KeptCopies {

    public static final java.time.Duration TIME_TO_LIVE = java.time.Duration.ofSeconds(5);

    private final AtomicLong changes = new AtomicLong();

    /** What to compare when keeping a value read from now on. */
    public long stamp() {
        return changes.get();
    }

    /** Runs {@code put} (which keeps values read since {@code stamp}) unless a change ended meanwhile. */
    public synchronized void keep(long stamp, Runnable put) {
        if (changes.get() == stamp && mayKeep()) {
            put.run();
        }
    }

    /** A value kept in {@code get}/{@code put}, read by {@code load} when missing. */
    public <V> V kept(Supplier<V> get, Supplier<V> load, java.util.function.Consumer<V> put) {
        V value = mayKeep() ? get.get() : null;
        if (value == null) {
            long stamp = stamp();
            value = load.get();
            V read = value;
            keep(stamp, () -> put.accept(read));
        }
        return value;
    }

    /**
     * Runs {@code drop} now and again when the current transaction (if any) commits or rolls back:
     * before the listeners that run after the commit (Spring runs them when the transaction completes,
     * in order, this first), which may read what it changed on other threads.
     */
    public void changed(Runnable drop) {
        dropNow(drop);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.HIGHEST_PRECEDENCE; // before the listeners that run after the commit and read it
                }

                @Override
                public void afterCompletion(int status) {
                    dropNow(drop);
                }
            });
        }
    }

    private synchronized void dropNow(Runnable drop) {
        changes.incrementAndGet();
        drop.run();
    }

    /** Outside read-write transactions: what is read is committed. */
    public static boolean mayKeep() {
        return !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }
}
