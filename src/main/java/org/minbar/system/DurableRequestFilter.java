package org.minbar.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The newsroom's and the API's writing requests are answered only once what they wrote is on disk,
 * including writes made outside a transaction (a media row, for instance): the answer is held back
 * (a JSON converter would otherwise flush it to the client) until {@link DurableCommits#sync()}
 * returns. Transactions are already on disk when they commit ({@link DurableTransactionManager});
 * this adds one cheap sync when nothing is left to write. Reading requests, the reader site and
 * PostgreSQL are left alone.
 */
@Component
class DurableRequestFilter extends OncePerRequestFilter {

    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final DurableCommits durable;

    DurableRequestFilter(DurableCommits durable) {
        this.durable = durable;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !durable.needed() || READING.contains(request.getMethod())
                || !(path.startsWith("/newsroom/") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        // A failing sync throws before anything was sent: the client gets an error, not a false "saved".
        durable.sync();
        held.copyBodyToResponse();
    }
}
