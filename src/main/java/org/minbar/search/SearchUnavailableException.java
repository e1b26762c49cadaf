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

    private final String arabicMessage;
    private final int retryAfterSeconds;

    SearchUnavailableException(Throwable cause) {
        this(ENGLISH_MESSAGE, ARABIC_MESSAGE, RETRY_AFTER_SECONDS, cause);
    }

    SearchUnavailableException(String englishMessage, String arabicMessage, int retryAfterSeconds, Throwable cause) {
        super(englishMessage, cause);
        this.arabicMessage = arabicMessage;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** What the reader is told. */
    public String arabicMessage() {
        return arabicMessage;
    }

    /** Seconds a client is asked to wait (the Retry-After header). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** As many searches as the limit are running and none ended within the wait: the site is busy. */
    static SearchUnavailableException busy() {
        return new SearchUnavailableException("search is busy (too many searches at once); try again in a few seconds",
                "البحث مشغول الآن بطلبات كثيرة. أعد المحاولة بعد ثوانٍ.", 5, null);
    }
}
