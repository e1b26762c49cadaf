package org.minbar.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the change log: applies, in order, every change another node made, by publishing its event
 * here so that the page cache, the read models, the feeds and the search index refresh as they do for
 * a local change. A dedicated connection (not the pool's) LISTENs and wakes this at once; the log is
 * also read every {@code pollInterval}, so a lost notification or a dropped connection only delays a
 * change by that much. A node starts at the end of the log: what it keeps in memory is fresh at start,
 * and the search index catches up with the database by itself then ({@code search/IndexCheckAtStart}).
 */
class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /** An id skipped in the log may belong to a transaction that commits later; it is looked for this long. */
    static final Duration GAP_WAIT = Duration.ofSeconds(30);
    private static final int BATCH = 500;
    private static final int MAX_GAPS = 10_000;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final String node;
    private final ClusterProperties properties;
    private final ListenerConnection listener;
    /** The highest id applied (or seen); ids below it that were missing when it was read, with when. */
    private volatile long applied;
    private final Map<Long, Long> gaps = new LinkedHashMap<>();
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Connection listening;
    private volatile int listenerPid = -1;
    private long lastPrune;

    ChangeFeed(JdbcClient jdbc, TransactionTemplate transaction, ApplicationEventPublisher events, String node,
            ClusterProperties properties, ListenerConnection listener) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.node = node;
        this.properties = properties;
        this.listener = listener;
        // Read when the context is made, before the caches fill and the index checks itself: a change
        // after this is applied here even if it is already visible, which is harmless.
        this.applied = jdbc.sql("select coalesce(max(id), 0) from cluster_change").query(Long.class).single();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::follow, "cluster-change-feed");
        thread.setDaemon(true);
        thread.start();
        log.info("Cluster node {}: following the change log from entry {} ({})", node, applied,
                listener == null ? "polling every " + properties.pollInterval().toMillis() + " ms"
                        : "LISTEN " + ChangeLog.CHANNEL + ", and polling every " + properties.pollInterval().toMillis() + " ms");
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeListener();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The backend process id of the listening connection, -1 when there is none (for tests and logs). */
    int listenerPid() {
        return listenerPid;
    }

    /** The highest change-log id this node has applied or passed. */
    long applied() {
        return applied;
    }

    private void follow() {
        while (running) {
            try {
                waitForChanges();
                applyNew();
                pruneIfDue();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Cluster node {}: reading the change log failed ({}); trying again", node, e.toString());
                    sleep(properties.pollInterval().toMillis());
                }
            }
        }
    }

    /** Returns on a notification or after the poll interval. */
    private void waitForChanges() {
        long timeout = properties.pollInterval().toMillis();
        if (listener == null) {
            sleep(timeout);
            return;
        }
        try {
            if (listening == null) {
                Connection connection = listener.open();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + ChangeLog.CHANNEL);
                    try (ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
                        rs.next();
                        listenerPid = rs.getInt(1);
                    }
                }
                listening = connection;
                // Whatever was notified while no connection listened is in the log: read it now.
                return;
            }
            listening.unwrap(PGConnection.class).getNotifications((int) timeout);
        } catch (SQLException e) {
            if (running) {
                log.warn("Cluster node {}: the LISTEN connection failed ({}); polling the change log until it is back", node,
                        e.getMessage());
            }
            closeListener();
            sleep(timeout);
        }
    }

    private void closeListener() {
        Connection connection = listening;
        listening = null;
        listenerPid = -1;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /** Applies every entry after the last applied one (and late commits of the ids skipped), in order. */
    void applyNew() {
        while (true) {
            List<Change> batch = read();
            if (batch.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            for (Change change : batch) {
                if (change.id() > applied) {
                    for (long missing = applied + 1; missing < change.id() && gaps.size() < MAX_GAPS; missing++) {
                        gaps.put(missing, now);
                    }
                    applied = change.id();
                } else {
                    gaps.remove(change.id());
                }
                if (!change.node().equals(node)) {
                    apply(change);
                }
            }
            gaps.values().removeIf(seen -> now - seen > GAP_WAIT.toNanos());
            if (batch.size() < BATCH) {
                return;
            }
        }
    }

    private List<Change> read() {
        gaps.values().removeIf(seen -> System.nanoTime() - seen > GAP_WAIT.toNanos());
        StringBuilder sql = new StringBuilder("select id, node, kind, article_id from cluster_change where id > ?");
        if (!gaps.isEmpty()) {
            sql.append(" or id in (");
            gaps.keySet().stream().limit(1_000).forEach(id -> sql.append(id).append(','));
            sql.setCharAt(sql.length() - 1, ')');
        }
        sql.append(" order by id limit ").append(BATCH);
        return jdbc.sql(sql.toString()).param(applied)
                .query((rs, row) -> new Change(rs.getLong("id"), rs.getString("node"), rs.getString("kind"),
                        (Long) rs.getObject("article_id", Long.class)))
                .list();
    }

    /**
     * In a transaction, as the change itself ran in one: listeners that read what changed
     * (the page cache asks where the article is listed) read it there, and the search index's listener,
     * which runs after a commit, runs after this one.
     */
    private void apply(Change change) {
        change.event().ifPresent(event -> {
            try {
                transaction.executeWithoutResult(status -> ChangeLog.replaying(() -> events.publishEvent(event)));
            } catch (RuntimeException e) {
                log.warn("Cluster node {}: applying change {} ({} of article {}) from {} failed: {}", node, change.id(),
                        change.kind(), change.articleId(), change.node(), e.toString());
            }
        });
    }

    private void pruneIfDue() {
        long now = System.nanoTime();
        if (lastPrune != 0 && now - lastPrune < PRUNE_EVERY.toNanos()) {
            return;
        }
        lastPrune = now;
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(properties.retention());
        int deleted = jdbc.sql("delete from cluster_change where created_at < ?").param(before).update();
        if (deleted > 0) {
            log.info("Cluster node {}: deleted {} change-log entries older than {}", node, deleted, properties.retention());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens the LISTEN connection outside the pool. */
    interface ListenerConnection {
        Connection open() throws SQLException;
    }

    static ListenerConnection driverManager(String url, String user, String password) {
        return () -> DriverManager.getConnection(url, user, password);
    }
}
