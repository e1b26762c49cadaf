package org.minbar.search;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The search index is damaged or missing and is being rebuilt from the database: search answers
 * "temporarily unavailable" (503), and nothing else depends on it.
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class SearchUnavailableException extends RuntimeException {

    public static final String ARABIC_MESSAGE = "البحث غير متاح مؤقتاً: نعيد بناء فهرس البحث الآن. أعد المحاولة بعد قليل.";
    public static final String ENGLISH_MESSAGE = "search is temporarily unavailable while its index is rebuilt; try again shortly";
    /** Seconds a client is asked to wait (the Retry-After header). */
    public static final int RETRY_AFTER_SECONDS = 30;

    SearchUnavailableException(Throwable cause) {
        super(ENGLISH_MESSAGE, cause);
    }
}
