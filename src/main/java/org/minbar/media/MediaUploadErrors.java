package org.minbar.media;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.minbar.system.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * An upload over the limit is refused by the container before any controller runs; answer it with
 * 413 and the Arabic message (the library page, or problem details for the editor) instead of a
 * bare error. Ahead of the site's {@code ProblemDetailsAdvice}, which would answer the JSON alike
 * but without the media library's own message and page.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MediaUploadErrors {

    private static final Logger log = LoggerFactory.getLogger(MediaUploadErrors.class);

    private final MediaService media;

    MediaUploadErrors(MediaService media) {
        this.media = media;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        MediaRejectedException rejected = media.tooLarge("upload to " + request.getRequestURI());
        log.info("{} ({}; user {})", rejected.getMessage(), e.getMessage(), request.getRemoteUser());
        if (MediaController.wantsJson(request)) {
            return Problems.answer(request, MediaController.problem(HttpStatus.PAYLOAD_TOO_LARGE, rejected));
        }
        if (request.getRequestURI().startsWith("/newsroom/media")) {
            return MediaController.page(media, request, null, 1, rejected.readerMessage(), null, 0,
                    HttpStatus.PAYLOAD_TOO_LARGE);
        }
        response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
        return new ModelAndView();
    }
}
