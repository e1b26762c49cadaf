package org.minbar.system;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs something once the current transaction commits (at once when there is none): how the
 * in-memory caches of rendered pages drop what a change makes stale. Called from plain
 * {@code @EventListener}s rather than {@code @TransactionalEventListener}s, because Spring Modulith
 * records every transactional listener in its event publication table, which for a cache would cost
 * two writes and a second pooled connection per event on the publishing thread.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
