package org.minbar.article;

/**
 * Someone saved the article after the version this save was based on. Nothing was overwritten:
 * {@link #current()} is the stored article, {@link #attempted()} the content that was not saved.
 */
public class EditConflictException extends RuntimeException {

    private final transient Article current;
    private final transient ArticleEdit attempted;

    EditConflictException(Article current, ArticleEdit attempted, int expectedVersion) {
        super("Article " + current.id() + " was saved by someone else (version " + current.version()
                + ", this save was based on " + expectedVersion + ")");
        this.current = current;
        this.attempted = attempted;
    }

    public Article current() {
        return current;
    }

    public ArticleEdit attempted() {
        return attempted;
    }
}
