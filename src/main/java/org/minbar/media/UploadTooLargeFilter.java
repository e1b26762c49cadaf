package org.minbar.media;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.minbar.system.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers an oversized upload with 413 and the Arabic message. It sits before the security filters
 * because the CSRF filter is the first to read the request's parameters, and the servlet container
 * fails that read (with a bare error) once the body is over the multipart limit.
 */
class UploadTooLargeFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UploadTooLargeFilter.class);

    private final MediaService media;
    private final TemplateEngine templates;

    UploadTooLargeFilter(MediaService media, TemplateEngine templates) {
        this.media = media;
        this.templates = templates;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || type == null
                || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!isSizeLimit(e) || response.isCommitted()) {
                throw e;
            }
            refuse(request, response, e);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Exception cause) throws IOException {
        MediaRejectedException rejected = media.tooLarge("upload to " + request.getRequestURI());
        log.info("{} ({})", rejected.getMessage(), rootMessage(cause));
        response.resetBuffer();
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (MediaController.wantsJson(request)) {
            Problems.write(response, Problems.complete(MediaController.problem(HttpStatus.PAYLOAD_TOO_LARGE, rejected),
                    request.getRequestURI()));
        } else {
            StringOutput page = new StringOutput();
            templates.render("newsroom/media-refused.jte", Map.of("message", rejected.readerMessage()), page);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(page.toString());
        }
        response.flushBuffer();
    }

    /** Whether the container refused the body for its size (Tomcat's and Spring's exceptions, by name). */
    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.endsWith("SizeLimitExceededException") || name.equals("MaxUploadSizeExceededException")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
