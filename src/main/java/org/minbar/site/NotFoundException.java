package org.minbar.site;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Nothing for readers at this address; answered with the Arabic 404 page. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class NotFoundException extends RuntimeException {

    NotFoundException() {
        super(null, null, false, false);
    }
}
