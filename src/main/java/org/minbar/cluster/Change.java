package org.minbar.cluster;

import java.util.Optional;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleUnpublished;
import org.minbar.system.SiteIdentityChanged;

/** One row of the change log: the event a node published, as the other nodes publish it again. */
record Change(long id, String node, String kind, Long articleId) {

    static final String PUBLISHED = "article-published";
    static final String IMPORTED = "article-imported";
    static final String CHANGED = "article-changed";
    static final String UNPUBLISHED = "article-unpublished";
    static final String SITE_IDENTITY = "site-identity";

    /** The kind and article of an event that derived data follows. */
    record Entry(String kind, Long articleId) {
    }

    static Optional<Entry> of(Object event) {
        if (event instanceof ArticlePublished published) {
            return Optional.of(new Entry(published.imported() ? IMPORTED : PUBLISHED, published.articleId()));
        }
        if (event instanceof ArticleChanged changed) {
            return Optional.of(new Entry(CHANGED, changed.articleId()));
        }
        if (event instanceof ArticleUnpublished unpublished) {
            return Optional.of(new Entry(UNPUBLISHED, unpublished.articleId()));
        }
        if (event instanceof SiteIdentityChanged) {
            return Optional.of(new Entry(SITE_IDENTITY, null));
        }
        return Optional.empty();
    }

    /** The local event that brings this node's caches, read models and index up to the change. */
    Optional<Object> event() {
        return Optional.ofNullable(switch (kind) {
            case PUBLISHED -> new ArticlePublished(articleId, false);
            case IMPORTED -> new ArticlePublished(articleId, true);
            case CHANGED -> new ArticleChanged(articleId);
            case UNPUBLISHED -> new ArticleUnpublished(articleId);
            case SITE_IDENTITY -> new SiteIdentityChanged();
            default -> null; // written by a newer release: its event is unknown here
        });
    }
}
