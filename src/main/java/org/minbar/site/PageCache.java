package org.minbar.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleUnpublished;
import org.minbar.recommend.RecommendService;
import org.minbar.system.AfterCommit;
import org.minbar.system.SiteIdentityChanged;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Rendered reader pages (home, article, section, tag, most read) kept as bytes for one second, so
 * that a story read by many at once is rendered about once a second instead of once per reader: a
 * render costs a few dozen queries and parses of the body, a cached page none. Concurrent requests
 * for a page being rendered wait for that one rendering (or get the copy it replaces). A second is as stale as
 * a reader may see (DESIGN, section 6), and a publish, change or unpublish empties the cache when it
 * commits. Runs after Spring Security's filters, so a cached page carries the same security headers.
 * Only anonymous answers are kept: a request with a session (an editor) is rendered as usual.
 */
@Component
@Order(0) // after Spring Security's filter chain (-100)
class PageCache extends OncePerRequestFilter {

    private static final Pattern ARTICLE = Pattern.compile("/news/(\\d{1,18})/[^/]+");
    private static final List<String> PAGES = List.of("/news/", "/section/", "/tag/");
    /** What a cached page may take of the heap, all pages together. */
    private static final long MAX_BYTES = 32L * 1024 * 1024;

    /** How long a page is served as rendered. */
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();
    /** How long a request waits for another one rendering the same page before it renders it itself. */
    private static final long WAIT_MILLIS = 5_000;

    private record Page(byte[] body, String contentType, long renderedAt) {
    }

    /**
     * Pages older than a second are kept a little longer (stale copies): while one request renders
     * such a page again, the others get the copy instead of all rendering it at once. A change
     * empties the cache, so no copy from before a change is ever served after it.
     */
    private final Cache<String, Page> pages = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10))
            .maximumWeight(MAX_BYTES).weigher((String key, Page page) -> key.length() + page.body().length).build();
    /** The pages being rendered now: one rendering per page, whoever asks meanwhile waits for it. */
    private final ConcurrentHashMap<String, CompletableFuture<Page>> renderings = new ConcurrentHashMap<>();
    /** Counts the times the cache was emptied: a rendering begun before a change is not kept after it. */
    private final AtomicLong generation = new AtomicLong();
    private final RecommendService recommend;

    PageCache(RecommendService recommend) {
        this.recommend = recommend;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || hasSession(request)) {
            return true;
        }
        String path = request.getRequestURI();
        if (path.equals("/") || path.equals("/popular")) {
            return false;
        }
        // Feeds have a cache of their own.
        return PAGES.stream().noneMatch(path::startsWith) || path.endsWith("/feed") || path.endsWith("/feed/atom");
    }

    private static boolean hasSession(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("JSESSIONID".equals(cookie.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The host is part of the key: without minbar.site.base-url, links are made from it.
        String key = request.getServerName() + ":" + request.getServerPort() + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Page cached = pages.getIfPresent(key);
        if (cached != null && System.nanoTime() - cached.renderedAt() < FRESH_NANOS) {
            serve(cached, request, response);
            return;
        }
        CompletableFuture<Page> mine = new CompletableFuture<>();
        CompletableFuture<Page> running = renderings.putIfAbsent(key, mine);
        if (running != null) {
            Page other = cached != null ? cached : waitFor(running);
            if (other != null) {
                serve(other, request, response);
                return;
            }
            mine = null; // the other rendering failed or is slow: render this request's own page
        }
        Page rendered = null;
        try {
            rendered = render(key, request, response, chain);
        } finally {
            if (mine != null) {
                mine.complete(rendered);
                renderings.remove(key, mine);
            }
        }
    }

    private static Page waitFor(CompletableFuture<Page> rendering) {
        try {
            return rendering.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** Renders the page through the application and keeps it when it is an anonymous 200 page; null when not kept. */
    private Page render(String key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long before = generation.get();
        ContentCachingResponseWrapper rendering = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, rendering);
        String type = rendering.getContentType();
        Page page = null;
        if (rendering.getStatus() == HttpServletResponse.SC_OK && type != null && type.startsWith("text/html")
                && !rendering.containsHeader(HttpHeaders.SET_COOKIE) && request.getSession(false) == null) {
            page = new Page(rendering.getContentAsByteArray(), type, System.nanoTime());
            if (generation.get() == before) {
                pages.put(key, page);
            }
        }
        rendering.copyBodyToResponse();
        return page;
    }

    private void serve(Page page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        countView(request);
        response.setContentType(page.contentType());
        response.setContentLength(page.body().length);
        response.getOutputStream().write(page.body());
    }

    /** The article page counts its reader when it renders; a page served from here counts them too. */
    private void countView(HttpServletRequest request) {
        Matcher article = ARTICLE.matcher(request.getRequestURI());
        if (article.matches()) {
            recommend.recordView(Long.parseLong(article.group(1)), request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr());
        }
    }

    /**
     * Any article change can show on any page (its own, the home page, lists, related and most-read
     * blocks): the cache is emptied when the change commits.
     */
    @EventListener({ArticlePublished.class, ArticleChanged.class, ArticleUnpublished.class, SiteIdentityChanged.class})
    void articleChanged() {
        AfterCommit.run(() -> {
            generation.incrementAndGet();
            pages.invalidateAll();
        });
    }
}
