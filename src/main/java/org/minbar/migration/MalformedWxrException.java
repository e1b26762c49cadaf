package org.minbar.migration;

/** A WordPress export that cannot be read; the message is {@code file:line:column: reason}. */
class MalformedWxrException extends RuntimeException {
    MalformedWxrException(String message) {
        super(message);
    }
}
