package org.minbar.search;

/** A search that cannot be run as asked; carries the reason in English (API, logs) and Arabic (pages). */
public class InvalidSearchException extends RuntimeException {

    private final String arabicMessage;

    InvalidSearchException(String message, String arabicMessage) {
        super(message, null, false, false);
        this.arabicMessage = arabicMessage;
    }

    public String arabicMessage() {
        return arabicMessage;
    }
}
