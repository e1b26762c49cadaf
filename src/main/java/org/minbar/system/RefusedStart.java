package org.minbar.system;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A start refused for a reason the operator fixes in the configuration ({@link SettingsRefusedException},
 * such as the {@code prod} profile without a PostgreSQL URL): told in one line on standard error, without
 * the stack trace of the bean that found it (204 lines, the reason at the bottom). Registered in
 * {@code META-INF/spring.factories}; the process still ends with a non-zero status.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusedStart implements SpringBootExceptionReporter {

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SettingsRefusedException refused) {
                System.err.println("Minbar cannot start: " + refused.getMessage());
                System.err.flush();
                return true;
            }
        }
        return false;
    }

    /** A setting makes the start impossible; the message says which and how to fix it, in one line. */
    static final class SettingsRefusedException extends IllegalStateException {
        SettingsRefusedException(String message) {
            super(message);
        }
    }
}
