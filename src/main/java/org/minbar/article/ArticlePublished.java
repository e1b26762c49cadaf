package org.minbar.article;

/**
 * An article became visible to readers; {@code imported}: by an import (an archive post of another
 * site), not by an editor, so that derived data may follow within the second DESIGN allows rather
 * than at once.
 */
public record ArticlePublished(long articleId, boolean imported) {

    public ArticlePublished(long articleId) {
        this(articleId, false);
    }
}
