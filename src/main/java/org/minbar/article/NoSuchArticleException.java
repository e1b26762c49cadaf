package org.minbar.article;

/** No article (or no such revision of one) with this id: pages and the API answer 404. */
public class NoSuchArticleException extends IllegalArgumentException {

    NoSuchArticleException(String message) {
        super(message);
    }

    static NoSuchArticleException article(long id) {
        return new NoSuchArticleException("No article " + id);
    }
}
