package org.minbar.system;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request refused with an explanation written for whoever sent it: English under {@code /api/},
 * Arabic in the newsroom (see {@link Problems}). JSON endpoints answer it as RFC 9457 problem
 * details ({@link ProblemDetailsAdvice}), pages with the site's error page for its status.
 * Extra members of the answer go in {@code getBody().setProperty(...)}, headers in {@code getHeaders()}.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatusCode status, String detail) {
        this(status, detail, null);
    }

    public ProblemException(HttpStatusCode status, String detail, Throwable cause) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), cause);
    }

    /** Adds a member to the problem details (a machine-readable reason, the current version, ...). */
    public ProblemException with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }
}
