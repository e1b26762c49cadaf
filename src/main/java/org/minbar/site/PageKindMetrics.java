package org.minbar.site;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code minbar.page.seconds{kind=...}}: how long answers take by the kind of page (a handful of
 * values, never the address), timed around the page cache so that kept pages count. A timer per kind
 * is made once; a request costs two clock reads, a few prefix checks and one record.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 3) // just before the page cache
class PageKindMetrics extends OncePerRequestFilter {

    enum Kind { HOME, ARTICLE, SECTION, TAG, SEARCH, FEED, SITEMAP, API, NEWSROOM, STATIC, OTHER }

    private final Map<Kind, Timer> timers = new EnumMap<>(Kind.class);

    PageKindMetrics(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            timers.put(kind, Timer.builder("minbar.page").description("Time to answer, by kind of page")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    static Kind kind(String path) {
        if (path.equals("/")) {
            return Kind.HOME;
        }
        if (path.endsWith("/feed") || path.endsWith("/feed/atom")) {
            return Kind.FEED;
        }
        if (path.startsWith("/news/")) {
            return Kind.ARTICLE;
        }
        if (path.startsWith("/section/")) {
            return Kind.SECTION;
        }
        if (path.startsWith("/tag/")) {
            return Kind.TAG;
        }
        if (path.startsWith("/search")) {
            return Kind.SEARCH;
        }
        if (path.startsWith("/sitemap") || path.equals("/robots.txt")) {
            return Kind.SITEMAP;
        }
        if (path.startsWith("/api/")) {
            return Kind.API;
        }
        if (path.startsWith("/newsroom")) {
            return Kind.NEWSROOM;
        }
        if (path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/fonts/") || path.startsWith("/media/")
                || path.startsWith("/cards/") || path.startsWith("/brand/") || path.equals("/favicon.ico")) {
            return Kind.STATIC;
        }
        return Kind.OTHER;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            timers.get(kind(request.getRequestURI())).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
