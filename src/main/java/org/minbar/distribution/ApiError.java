package org.minbar.distribution;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The JSON body of an API error, in English: {@code {"status": 404, "error": "..."}}. */
record ApiError(int status, String error) {

    static ResponseEntity<ApiError> of(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), message));
    }
}
