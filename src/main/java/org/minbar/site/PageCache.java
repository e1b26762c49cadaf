package org.minbar.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Rendered reader pages (home, article, section, tag, most read) kept as bytes, so that a story read
 * by many at once is rendered about once a second instead of once per reader: a render costs a few
 * dozen queries and parses of the body, a kept page none.
 * <p>
 * A page is served as kept for a second. After that, with no change since, the copy is still served
 * while the request that found it renders the page again after answering (its answer closes the
 * connection, so that the reader's next request does not queue behind the rendering); nobody waits.
 * After a publish or a change (when it commits), the first request renders the page anew and gets
 * it; readers arriving during that rendering get the copy, for at most a second after the change
 * (DESIGN, section 6), then they wait for the rendering. After an article published by an import
 * nobody waits either: the copy is served, for at most a second, while the page is rendered again. An unpublish removes every copy at once: a
 * page taken down is never served again. A copy more than ten seconds old is not served. Runs after
 * Spring Security's filters, so a kept page carries the same security headers. Only anonymous
 * answers are kept: a request with a session (an editor) is rendered as usual.
 */
@Component
@Order(0) // after Spring Security's filter chain (-100)
class PageCache extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PageCache.class);
    private static final Pattern ARTICLE = Pattern.compile("/news/(\\d{1,18})/[^/]+");
    private static final List<String> PAGES = List.of("/news/", "/section/", "/tag/");
    /** What a cached page may take of the heap, all pages together. */
    private static final long MAX_BYTES = 32L * 1024 * 1024;

    /** How long a page is served as rendered, and how long after a change its older copy may still be. */
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();
    /** How old a copy may be served while it is rendered again (without a change since). */
    private static final long STALE_NANOS = Duration.ofSeconds(10).toNanos();
    /** How long a request waits for another one rendering the same page before it renders it itself. */
    private static final long WAIT_MILLIS = 5_000;

    /**
     * What reader pages tell browsers and shared caches: keep the page, but ask again each time
     * (answered 304 while its ETag holds); a shared cache may answer for a second, as this cache does.
     * No stale-while-revalidate: without a purge an unpublished page would be served on.
     */
    private static final String READER_CACHE_CONTROL = "public, max-age=0, s-maxage=1";

    /**
     * A kept page; {@code generation}: the changes it shows (the count when its rendering began);
     * {@code etag}: from its bytes, weak because Tomcat compresses the answer on the way out (it sends
     * no compressed answer with a strong ETag, which would then name two different byte sequences).
     */
    private record Page(byte[] body, String contentType, long renderedAt, long generation, String etag) {

        Page(byte[] body, String contentType, long renderedAt, long generation) {
            this(body, contentType, renderedAt, generation, etagOf(body));
        }
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private final Cache<String, Page> pages = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10))
            .maximumWeight(MAX_BYTES).weigher((String key, Page page) -> key.length() + page.body().length).build();
    /** The pages being rendered now: one rendering per page, whoever asks meanwhile waits for it. */
    private final ConcurrentHashMap<String, CompletableFuture<Page>> renderings = new ConcurrentHashMap<>();
    /** Counts the changes; a copy rendered before the latest one is stale. */
    private final AtomicLong generation = new AtomicLong();
    /** When each change (by the generation it began) committed, for the last ten seconds. */
    private final ConcurrentSkipListMap<Long, Long> changedAt = new ConcurrentSkipListMap<>();
    /** The generation of the last change by an editor (not an import): after it, the first reader gets the page rendered anew. */
    private final AtomicLong lastEditorChange = new AtomicLong();
    /** The generation of the last unpublish: renderings begun before it are not kept. */
    private final AtomicLong removedAt = new AtomicLong();
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
        long now = System.nanoTime();
        if (cached != null && cached.generation() == generation.get() && now - cached.renderedAt() < FRESH_NANOS) {
            serve(cached, request, response, true);
            return;
        }
        CompletableFuture<Page> mine = new CompletableFuture<>();
        CompletableFuture<Page> running = renderings.putIfAbsent(key, mine);
        if (cached != null && mayStillServe(cached, now)) {
            if (running != null) {
                serve(cached, request, response, true);
                return;
            }
        }
        if (cached != null && running == null && (cached.generation() == generation.get()
                ? now - cached.renderedAt() < STALE_NANOS
                : lastEditorChange.get() <= cached.generation() && mayStillServe(cached, now))) {
            // Older than a second with no change since, or changed by an import only (within the second
            // after it): this request renders the page again after answering from the copy. After an
            // editor's publish or change the first reader waits for the new rendering instead.
            try {
                response.setHeader(HttpHeaders.CONNECTION, "close");
                serve(cached, request, response, false);
                response.flushBuffer();
                mine.complete(renderAgain(key, request, response, chain));
            } catch (RuntimeException | IOException | ServletException e) {
                mine.complete(null);
                log.warn("Rendering {} again after serving its kept copy failed: {}", key, e.toString());
            } finally {
                renderings.remove(key, mine);
            }
            return;
        }
        if (running != null) {
            // The copy (if any) is too old to serve: wait for the rendering under way.
            Page other = waitFor(running);
            if (other != null) {
                serve(other, request, response, true);
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

    /** Whether a copy that is not fresh may still be served while the page is rendered again. */
    private boolean mayStillServe(Page page, long now) {
        if (page.generation() == generation.get()) {
            return now - page.renderedAt() < STALE_NANOS;
        }
        Long firstChange = changedAt.get(page.generation() + 1);
        return firstChange != null && now - firstChange < FRESH_NANOS;
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
            page = new Page(rendering.getContentAsByteArray(), type, System.nanoTime(), before);
            keep(key, page);
            if (notModified(page, request, response)) {
                return page; // the rendering is kept, not sent
            }
        }
        rendering.copyBodyToResponse();
        return page;
    }

    /**
     * Renders the page into a {@link CapturedResponse} (the reader was answered already) and keeps it;
     * the article page counts its reader in the rendering, as usual.
     */
    private Page renderAgain(String key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long before = generation.get();
        CapturedResponse rendering = new CapturedResponse(response);
        chain.doFilter(request, rendering);
        String type = rendering.getContentType();
        if (rendering.getStatus() == HttpServletResponse.SC_OK && type != null && type.startsWith("text/html")
                && !rendering.setsCookie() && request.getSession(false) == null) {
            Page page = new Page(rendering.body(), type, System.nanoTime(), before);
            keep(key, page);
            return page;
        }
        // Gone (an error, a redirect) or no longer anonymous: the old copy must not be served again.
        pages.asMap().remove(key);
        return null;
    }

    /**
     * Keeps a rendered page, unless an unpublish removed every copy while it was being rendered or a
     * rendering begun later was kept meanwhile.
     */
    private void keep(String key, Page page) {
        if (page.generation() >= removedAt.get()) {
            pages.asMap().merge(key, page, (kept, rendered) -> rendered.generation() >= kept.generation() ? rendered : kept);
        }
    }

    /**
     * Serves a kept page, or 304 when the reader has it already; {@code count} false: its reader is
     * counted by the rendering that follows.
     */
    private void serve(Page page, HttpServletRequest request, HttpServletResponse response, boolean count) throws IOException {
        if (count) {
            countView(request);
        }
        if (notModified(page, request, response)) {
            return;
        }
        response.setContentType(page.contentType());
        response.setContentLength(page.body().length);
        response.getOutputStream().write(page.body());
    }

    /** Sets the page's caching headers; answers 304 (true) when the reader has the page already. */
    private static boolean notModified(Page page, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.ETAG, page.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, READER_CACHE_CONTROL);
        if (readerHas(page, request)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        return false;
    }

    /**
     * If-None-Match names the page's ETag (or is *): the reader's copy is this page. The comparison is
     * weak, as RFC 9110 (13.1.2) has it for If-None-Match.
     */
    private static boolean readerHas(Page page, HttpServletRequest request) {
        String ours = page.etag().substring(2);
        var values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        while (values != null && values.hasMoreElements()) {
            for (String tag : values.nextElement().split(",")) {
                String t = tag.strip();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(ours)) {
                    return true;
                }
            }
        }
        return false;
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
     * blocks): every copy is stale when the change commits (served for at most a second more, while
     * the page is rendered again).
     */
    @EventListener({ArticleChanged.class, SiteIdentityChanged.class})
    void articleChanged() {
        AfterCommit.run(() -> lastEditorChange.set(changed()));
    }

    /**
     * As a change; an article published by an import (thousands a minute, archive posts) does not make
     * the first reader wait for a rendering: the copy is served for at most a second more.
     */
    @EventListener
    void articlePublished(ArticlePublished published) {
        AfterCommit.run(() -> {
            long current = changed();
            if (!published.imported()) {
                lastEditorChange.set(current);
            }
        });
    }

    /** A page taken down is never served again: every copy goes when the unpublish commits. */
    @EventListener(ArticleUnpublished.class)
    void articleUnpublished() {
        AfterCommit.run(() -> {
            long current = changed();
            lastEditorChange.set(current);
            removedAt.set(current);
            pages.invalidateAll();
        });
    }

    private long changed() {
        long now = System.nanoTime();
        long current = generation.incrementAndGet();
        changedAt.put(current, now);
        // Only the last second matters (mayStillServe); ten are kept.
        while (!changedAt.isEmpty() && now - changedAt.firstEntry().getValue() > STALE_NANOS) {
            changedAt.pollFirstEntry();
        }
        return current;
    }
}
