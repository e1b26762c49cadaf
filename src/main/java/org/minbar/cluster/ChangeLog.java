package org.minbar.cluster;

import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleUnpublished;
import org.minbar.system.SiteIdentityChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends every change that derived data follows to {@code cluster_change}, in the transaction of the
 * write (a plain listener runs on the publishing thread, inside it): a change that commits is in the
 * log, one rolled back is not. On PostgreSQL it also queues a {@code NOTIFY}, which PostgreSQL sends
 * only when the transaction commits, to wake the other nodes at once.
 */
class ChangeLog {

    static final String CHANNEL = "minbar_changes";
    private static final ThreadLocal<Boolean> REPLAYING = new ThreadLocal<>();

    private final JdbcClient jdbc;
    private final String node;
    private final boolean notify;

    ChangeLog(JdbcClient jdbc, String node, boolean notify) {
        this.jdbc = jdbc;
        this.node = node;
        this.notify = notify;
    }

    String node() {
        return node;
    }

    /** Publishes another node's change here; what listeners do meanwhile is not logged again. */
    static void replaying(Runnable publish) {
        REPLAYING.set(Boolean.TRUE);
        try {
            publish.run();
        } finally {
            REPLAYING.remove();
        }
    }

    @EventListener({ArticlePublished.class, ArticleChanged.class, ArticleUnpublished.class, SiteIdentityChanged.class})
    void on(Object event) {
        if (REPLAYING.get() != null) {
            return;
        }
        Change.of(event).ifPresent(entry -> {
            jdbc.sql("insert into cluster_change (node, kind, article_id) values (?, ?, ?)")
                    .params(node, entry.kind(), entry.articleId()).update();
            if (notify) {
                jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query((rs, row) -> 1).list();
            }
        });
    }
}
