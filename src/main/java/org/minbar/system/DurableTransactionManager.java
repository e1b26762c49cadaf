package org.minbar.system;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring Boot's JDBC transaction manager, plus: on H2, a read-write transaction's commit returns
 * only once it is on disk ({@link DurableCommits}). Every {@code @Transactional} save, workflow step,
 * account, taxonomy or settings change, API write, scheduled publication and import batch goes
 * through here, before any answer is written, so none of them needs to ask for it.
 */
class DurableTransactionManager extends JdbcTransactionManager {

    private final boolean h2;

    DurableTransactionManager(DataSource dataSource, boolean h2) {
        super(dataSource);
        this.h2 = h2;
    }

    /**
     * Spring Modulith's own bookkeeping of an event's delivery (processing, completed) after the
     * publishing transaction: losing it in a crash only means the event is delivered again at the
     * next start ({@code republish-outstanding-events-on-restart}), and its listeners are idempotent;
     * syncing it cost a disk flush per event per listener (three per imported post).
     */
    private static final String EVENT_BOOKKEEPING = "org.springframework.modulith.events.";

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        String name = TransactionSynchronizationManager.getCurrentTransactionName();
        if (h2 && !status.isReadOnly() && (name == null || !name.startsWith(EVENT_BOOKKEEPING))) {
            // Still the transaction's connection: syncing borrows no second one.
            DurableCommits.sync(((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder().getConnection());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {

        /** Replaces Spring Boot's own (it backs off when an application defines one). */
        @Bean
        DurableTransactionManager transactionManager(DataSource dataSource, DurableCommits durable) {
            return new DurableTransactionManager(dataSource, durable.needed());
        }
    }
}
