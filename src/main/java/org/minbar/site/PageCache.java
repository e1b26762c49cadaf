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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.minbar.article.ArticlePlacement;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.PublishedArticles;
import org.minbar.recommend.RecommendService;
import org.minbar.system.AfterCommit;
import org.minbar.system.SiteIdentityChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Rendered reader pages (home, article, section, tag, most read, and the feeds, sitemaps and robots.txt) kept as bytes, plain, gzipped and brotli-compressed once
 * per version, so that a story read by many at once is rendered about once a second instead of once
 * per reader: a render costs a few dozen queries and parses of the body, a kept page none. A kept page
 * is served before Spring Security's filter chain (no session, no CSRF token, no security context)
 * with the headers its rendering got from that chain, which include the security headers.
 * <p>
 * A page is served as kept for a second. After that, with no change since, the copy is still served
 * while the request that found it renders the page again after answering (its answer closes the
 * connection, so that the reader's next request does not queue behind the rendering); nobody waits.
 * A change drops exactly the pages it touches, by their surrogate keys ({@link SurrogateKeys}: every
 * page showing the article, the home page, its section's and tags' lists). After an editor's publish
 * or change (when it commits), the first request for a touched page renders it anew and gets it;
 * readers arriving during that rendering get the copy, for at most a second after the change (DESIGN,
 * section 6), then they wait for the rendering. After an article published by an import nobody waits
 * either: the copy is served, for at most a second, while the page is rendered again. An unpublish
 * removes every copy at once: a page taken down is never served again. A copy more than ten seconds
 * old is not served. Only anonymous answers are kept: a request with a session (an editor) is rendered
 * as usual. The touched keys go to a CDN in front too ({@link CdnPurge}).
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2) // before Spring Security's filter chain (-100)
class PageCache extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PageCache.class);
    private static final Pattern ARTICLE = Pattern.compile("/news/(\\d{1,18})/[^/]+");
    private static final List<String> PAGES = List.of("/news/", "/section/", "/tag/");
    /** What a cached page may take of the heap, all pages together (plain and compressed). */
    private static final long MAX_BYTES = 48L * 1024 * 1024;

    /** How long a page is served as rendered, and how long after a change its older copy may still be. */
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();
    /** How old a copy may be served while it is rendered again (without a change since). */
    private static final long STALE_NANOS = Duration.ofSeconds(10).toNanos();
    /** How long a request waits for another one rendering the same page before it renders it itself. */
    private static final long WAIT_MILLIS = 5_000;

    /**
     * A kept page; {@code generation}: the changes it shows (the count when its rendering began);
     * {@code keys}: what it shows (its surrogate keys); {@code headers}: what its rendering set and
     * every answer from it sends; {@code etag}: strong, one per representation (the coding is appended);
     * {@code brotli}: null where brotli is not available.
     */
    private record Page(byte[] body, byte[] gzip, byte[] brotli, String contentType, List<String[]> headers, Set<String> keys,
            long renderedAt, long generation, String etag, AtomicLong currentAt, long lastModified) {

        int weight() {
            return body.length + gzip.length + (brotli == null ? 0 : brotli.length);
        }

        byte[] bytes(Compression.Coding coding) {
            return switch (coding) {
                case BROTLI -> brotli;
                case GZIP -> gzip;
                case IDENTITY -> body;
            };
        }

        String etag(Compression.Coding coding) {
            return coding == Compression.Coding.IDENTITY ? "\"" + etag + "\"" : "\"" + etag + "-" + coding.token + "\"";
        }
    }

    private Page page(byte[] body, String contentType, RecordedHeaders headers, long generation) {
        String hash = hashOf(body);
        String keys = headers.first(SurrogateKeys.HEADER);
        if (cacheTag && keys != null) {
            headers.set(SurrogateKeys.CLOUDFLARE_HEADER, String.join(",", keys.strip().split("\\s+")));
        }
        return new Page(body, Compression.gzip(body, java.util.zip.Deflater.DEFAULT_COMPRESSION), Compression.brotli(body),
                contentType, headers.pairs(), SurrogateKeys.parse(keys), System.nanoTime(), generation, hash, new AtomicLong(-1),
                lastModified(headers.first(HttpHeaders.LAST_MODIFIED)));
    }

    /** A feed's Last-Modified (for readers asking If-Modified-Since), in milliseconds; -1 when it has none. */
    private static long lastModified(String header) {
        try {
            return header == null ? -1 : java.time.ZonedDateTime.parse(header, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return -1;
        }
    }

    private static String hashOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private final Cache<String, Page> pages = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10))
            .maximumWeight(MAX_BYTES).weigher((String key, Page page) -> key.length() + page.weight())
            .build();
    /** The pages being rendered now: one rendering per page, whoever asks meanwhile waits for it. */
    private final ConcurrentHashMap<String, CompletableFuture<Page>> renderings = new ConcurrentHashMap<>();
    /** Counts the changes; a copy rendered before a later change of one of its keys is stale. */
    private final AtomicLong generation = new AtomicLong();
    /** The generation of each key's last change (a minute is kept: copies live ten seconds). */
    private final Cache<String, Long> keyChanged = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();
    /** The generation of the last change of the whole site (its name, ...): every copy before it is stale. */
    private final AtomicLong siteChanged = new AtomicLong();
    /** When each change (by the generation it began) committed, for the last ten seconds. */
    private final ConcurrentSkipListMap<Long, Change> changedAt = new ConcurrentSkipListMap<>();
    /** The generation of the last change by an editor (not an import): after it, the first reader of a touched page gets it rendered anew. */
    private final AtomicLong lastEditorChange = new AtomicLong();
    /** The generation of the last unpublish: renderings begun before it are not kept. */
    private final AtomicLong removedAt = new AtomicLong();
    private final RecommendService recommend;
    private final PublishedArticles articles;
    private final CdnPurge cdn;
    private final String cacheControl;
    private final boolean cacheTag;

    /** One-off renderings (for a session, of a page not kept yet) take turns. */
    private final RenderLimit renderLimit;

    /** {@code minbar.page.cache{result=hit|miss}}: answers from a kept copy, and renderings (the hit ratio's two halves). */
    private final Counter hits;
    private final Counter misses;

    PageCache(RecommendService recommend, PublishedArticles articles, CdnPurge cdn, SiteProperties site, MeterRegistry meters) {
        this.hits = Counter.builder("minbar.page.cache").description("Reader answers from a kept copy (hit) or rendered (miss)")
                .tag("result", "hit").register(meters);
        this.misses = Counter.builder("minbar.page.cache").description("Reader answers from a kept copy (hit) or rendered (miss)")
                .tag("result", "miss").register(meters);
        this.recommend = recommend;
        this.articles = articles;
        this.cdn = cdn;
        this.cacheTag = site.caching().cacheTag();
        this.renderLimit = new RenderLimit(site.renders().concurrent(), site.renders().maxWait());
        int stale = site.caching().staleWhileRevalidate();
        // Browsers ask again each time (304 while the ETag holds); a CDN may answer for a second, as this cache does.
        this.cacheControl = "public, max-age=0, s-maxage=1" + (stale > 0 ? ", stale-while-revalidate=" + stale : "");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI();
        if (path.equals("/") || path.equals("/popular") || path.startsWith("/feed") || path.equals("/robots.txt")
                || (path.startsWith("/sitemap") && path.endsWith(".xml"))) {
            return false;
        }
        return PAGES.stream().noneMatch(path::startsWith);
    }

    /** What is kept: pages, feeds, sitemaps and robots.txt (the types reader answers have). */
    private static boolean keepable(String type) {
        return type != null && KEPT_TYPES.stream().anyMatch(type::startsWith);
    }

    private static final List<String> KEPT_TYPES = List.of("text/html", "application/rss+xml", "application/atom+xml",
            "application/xml", "text/plain");

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
        if (hasSession(request)) {
            if (enterRendering(response)) {
                try {
                    renderForOne(request, response, chain); // an editor's page: never kept, never from a copy
                } finally {
                    renderLimit.exit();
                }
            }
            return;
        }
        // The host is part of the key: without minbar.site.base-url, links are made from it; the scheme
        // too: HSTS is sent on HTTPS only.
        String key = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Page cached = pages.getIfPresent(key);
        long now = System.nanoTime();
        boolean current = cached != null && isCurrent(cached);
        if (current && now - cached.renderedAt() < FRESH_NANOS) {
            serve(cached, request, response, true);
            return;
        }
        CompletableFuture<Page> mine = new CompletableFuture<>();
        CompletableFuture<Page> running = renderings.putIfAbsent(key, mine);
        if (cached != null && running != null && (current || isPage(cached)) && mayStillServe(cached, current, now)) {
            serve(cached, request, response, true);
            return;
        }
        if (cached != null && running == null && (current ? now - cached.renderedAt() < STALE_NANOS
                : isPage(cached) && lastEditorChange.get() <= cached.generation() && mayStillServe(cached, false, now))) {
            // Older than a second with no change since, or changed by an import only (within the second
            // after it): this request renders the page again after answering from the copy. After an
            // editor's publish or change the first reader waits for the new rendering instead; so do
            // feed readers and crawlers after any change (feeds and sitemaps show a publish at once).
            try {
                response.setHeader(HttpHeaders.CONNECTION, "close");
                serve(cached, request, response, false, false);
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
            if (other != null && (isPage(other) || isCurrent(other))) { // a feed or sitemap begun before a change is not served
                serve(other, request, response, true);
                return;
            }
            mine = null; // the other rendering failed or is slow: render this request's own page
        }
        Page rendered = null;
        boolean limited = cached == null; // a first rendering takes its turn; one of a kept page after a change does not
        try {
            if (!limited || enterRendering(response)) {
                try {
                    rendered = render(key, request, response, chain);
                } finally {
                    if (limited) {
                        renderLimit.exit();
                    }
                }
            }
        } finally {
            if (mine != null) {
                mine.complete(rendered);
                renderings.remove(key, mine);
            }
        }
    }

    /** Waits for a rendering turn; false when none came in time, after answering 503 (the site's Arabic error page). */
    private boolean enterRendering(HttpServletResponse response) throws IOException {
        if (renderLimit.enter()) {
            return true;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return false;
    }

    private static boolean isPage(Page page) {
        return page.contentType().startsWith("text/html");
    }

    /**
     * Whether no change since the page's rendering began touches what it shows; the answer is noted
     * on the page for the current generation, so that a page read many times between two changes is
     * checked once ({@link #changed} notes a change's keys before it counts it).
     */
    private boolean isCurrent(Page page) {
        long now = generation.get();
        if (page.currentAt().get() == now) {
            return true;
        }
        if (siteChanged.get() > page.generation()) {
            return false;
        }
        for (String key : page.keys()) {
            Long changed = keyChanged.getIfPresent(key);
            if (changed != null && changed > page.generation()) {
                return false;
            }
        }
        page.currentAt().set(now);
        return true;
    }

    /**
     * Whether a copy that is not fresh may still be served while the page is rendered again: with no
     * change touching it, for ten seconds; else for a second after the first change that touched it.
     */
    private boolean mayStillServe(Page page, boolean current, long now) {
        if (current) {
            return now - page.renderedAt() < STALE_NANOS;
        }
        Long touched = firstTouch(page);
        return touched != null && now - touched < FRESH_NANOS;
    }

    /** When the first change after the page's rendering began that touches it committed; null when no longer known. */
    private Long firstTouch(Page page) {
        var after = changedAt.tailMap(page.generation() + 1);
        if (after.isEmpty() || after.firstKey() != page.generation() + 1) {
            return null; // the changes right after it are forgotten (more than ten seconds ago)
        }
        for (Change change : after.values()) {
            if (change.site() || change.keys().stream().anyMatch(page.keys()::contains)) {
                return change.at();
            }
        }
        return null;
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
        misses.increment();
        long before = generation.get();
        KeepableResponse rendering = new KeepableResponse(response);
        chain.doFilter(request, rendering);
        String type = rendering.getContentType();
        if (rendering.getStatus() == HttpServletResponse.SC_OK && keepable(type)
                && !rendering.setsCookie() && request.getSession(false) == null) {
            Page page = page(rendering.getContentAsByteArray(), type, rendering.headers(), before);
            keep(key, page);
            serve(page, request, response, false, false); // its reader was counted by the rendering
            return page;
        }
        rendering.sendHeldHeaders();
        sendRendered(rendering, request, response);
        return null;
    }

    /** Renders a page that is not kept (a request with a session) and sends it, compressed fast. */
    private void renderForOne(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        KeepableResponse rendering = new KeepableResponse(response);
        rendering.sendHeldHeaders(); // holds nothing: the answer gets the chain's own headers
        chain.doFilter(request, rendering);
        sendRendered(rendering, request, response);
    }

    /** Sends a rendering that is not kept: gzipped at the fastest level when it is text of 2 KB or more and the reader takes it. */
    private static void sendRendered(KeepableResponse rendering, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        byte[] body = rendering.getContentAsByteArray();
        int status = rendering.getStatus();
        if (body.length >= 2048 && keepable(rendering.getContentType())
                && Compression.choose(request, false) == Compression.Coding.GZIP && !response.isCommitted()
                && !response.containsHeader(HttpHeaders.CONTENT_ENCODING) && status != HttpServletResponse.SC_NO_CONTENT
                && status != HttpServletResponse.SC_NOT_MODIFIED) {
            byte[] gzipped = Compression.gzip(body, java.util.zip.Deflater.BEST_SPEED);
            response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip"); // compressed already: Tomcat leaves it
            response.setContentLength(gzipped.length);
            response.getOutputStream().write(gzipped);
            return;
        }
        rendering.copyBodyToResponse();
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
        if (rendering.getStatus() == HttpServletResponse.SC_OK && keepable(type)
                && !rendering.setsCookie() && request.getSession(false) == null) {
            Page page = page(rendering.body(), type, rendering.headers(), before);
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
     * Serves a kept page, brotli- or gzip-compressed as the reader takes it, or 304 when the reader has it already;
     * {@code count} false: its reader is counted by a rendering.
     */
    private void serve(Page page, HttpServletRequest request, HttpServletResponse response, boolean count) throws IOException {
        serve(page, request, response, count, true);
    }

    /** {@code fresh}: nothing has set headers on the response yet (a kept page answered before the chain). */
    private void serve(Page page, HttpServletRequest request, HttpServletResponse response, boolean count, boolean fresh)
            throws IOException {
        hits.increment();
        if (count) {
            countView(request);
        }
        Compression.Coding coding = Compression.choose(request, page.brotli() != null);
        String etag = page.etag(coding);
        RecordedHeaders.send(page.headers(), response, fresh);
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (readerHas(etag, request) || (request.getHeader(HttpHeaders.IF_NONE_MATCH) == null && unchangedSince(page, request))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] bytes = page.bytes(coding);
        if (coding != Compression.Coding.IDENTITY) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, coding.token); // compressed already: Tomcat leaves it
        }
        response.setContentType(page.contentType());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * If-None-Match names the representation's ETag (or is *): the reader's copy is this page. The
     * comparison is weak, as RFC 9110 (13.1.2) has it for If-None-Match.
     */
    private static boolean readerHas(String etag, HttpServletRequest request) {
        var values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        while (values != null && values.hasMoreElements()) {
            for (String tag : values.nextElement().split(",")) {
                String t = tag.strip();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** If-Modified-Since (which feed readers send) is at or after the kept feed's Last-Modified (to the second). */
    private static boolean unchangedSince(Page page, HttpServletRequest request) {
        if (page.lastModified() < 0) {
            return false;
        }
        try {
            long since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
            return since >= 0 && page.lastModified() / 1000 <= since / 1000;
        } catch (IllegalArgumentException e) {
            return false; // not a date
        }
    }

    /** The article page counts its reader when it renders; a page served from here counts them too. */
    private void countView(HttpServletRequest request) {
        Matcher article = ARTICLE.matcher(request.getRequestURI());
        if (article.matches()) {
            recommend.recordView(Long.parseLong(article.group(1)), request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr());
        }
    }

    /**
     * A change drops what shows the article (its key), the home page, and its section's and tags'
     * lists (where it may now appear), when it commits: those copies are served for at most a second
     * more, while the pages are rendered again. Where it is listed is read now, in the transaction of
     * the change.
     */
    @EventListener
    void articleChanged(ArticleChanged changed) {
        Set<String> keys = keysOf(changed.articleId());
        AfterCommit.run(() -> lastEditorChange.set(changed(keys, false)));
    }

    /**
     * As a change; an article published by an import (thousands a minute, archive posts) does not make
     * the first reader wait for a rendering: the copy is served for at most a second more.
     */
    @EventListener
    void articlePublished(ArticlePublished published) {
        Set<String> keys = keysOf(published.articleId());
        AfterCommit.run(() -> {
            long current = changed(keys, false);
            if (!published.imported()) {
                lastEditorChange.set(current);
            }
        });
    }

    /** The site's name or tagline shows on every page. */
    @EventListener(SiteIdentityChanged.class)
    void siteChanged() {
        AfterCommit.run(() -> lastEditorChange.set(changed(Set.of(SurrogateKeys.SITE), true)));
    }

    /** A page taken down is never served again: every copy goes when the unpublish commits. */
    @EventListener
    void articleUnpublished(ArticleUnpublished unpublished) {
        Set<String> keys = keysOf(unpublished.articleId());
        AfterCommit.run(() -> {
            long current = changed(keys, true);
            lastEditorChange.set(current);
            removedAt.set(current);
            pages.invalidateAll();
        });
    }

    private Set<String> keysOf(long articleId) {
        ArticlePlacement placement = articles.placement(articleId);
        Set<String> keys = new LinkedHashSet<>();
        keys.add(SurrogateKeys.article(articleId));
        keys.add(SurrogateKeys.HOME);
        if (placement.sectionId() != null) {
            keys.add(SurrogateKeys.section(placement.sectionId()));
        }
        placement.tagIds().forEach(tag -> keys.add(SurrogateKeys.tag(tag)));
        return keys;
    }

    /** A change that committed; {@code site}: it touches every page. */
    private record Change(long at, Set<String> keys, boolean site) {
    }

    /**
     * Notes a committed change of these keys, and has a CDN in front purge them; its generation. The
     * keys are noted before the generation counts the change: a page found current at a generation
     * stays so until the next ({@link #isCurrent}).
     */
    private synchronized long changed(Set<String> keys, boolean site) {
        long now = System.nanoTime();
        long next = generation.get() + 1;
        keys.forEach(key -> keyChanged.asMap().merge(key, next, Math::max));
        if (site) {
            siteChanged.set(next);
        }
        changedAt.put(next, new Change(now, keys, site));
        generation.set(next);
        // Only the last second matters (mayStillServe); ten are kept.
        while (!changedAt.isEmpty() && now - changedAt.firstEntry().getValue().at() > STALE_NANOS) {
            changedAt.pollFirstEntry();
        }
        cdn.purge(keys);
        return next;
    }

    /**
     * The response of a first rendering: the body is held (it may be kept and served from the copy),
     * the headers the rendering sets are recorded, and Spring Security's no-cache headers are held back:
     * a kept page gets the page cache's, anything else Spring Security's ({@link #sendHeldHeaders}).
     */
    private static final class KeepableResponse extends ContentCachingResponseWrapper {

        private static final Set<String> HELD = Set.of("cache-control", "pragma", "expires");
        private final RecordedHeaders headers = new RecordedHeaders();
        private final java.util.Map<String, List<String>> held = new java.util.LinkedHashMap<>();
        private boolean setsCookie;
        private boolean holding = true;

        KeepableResponse(HttpServletResponse response) {
            super(response);
        }

        RecordedHeaders headers() {
            return headers;
        }

        boolean setsCookie() {
            return setsCookie || getResponse() instanceof HttpServletResponse r && r.containsHeader(HttpHeaders.SET_COOKIE);
        }

        private boolean hold(String name, String value, boolean add) {
            if (!holding || name == null || !HELD.contains(name.toLowerCase(Locale.ROOT))) {
                return false;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!add) {
                held.remove(lower);
            }
            held.computeIfAbsent(lower, k -> new java.util.ArrayList<>()).add(value);
            return true;
        }

        /** Sends the held Cache-Control, Pragma and Expires: the answer is not a kept page. */
        void sendHeldHeaders() {
            if (holding) {
                holding = false;
                held.forEach((name, values) -> {
                    for (int i = 0; i < values.size(); i++) {
                        if (i == 0) {
                            super.setHeader(name, values.get(i));
                        } else {
                            super.addHeader(name, values.get(i));
                        }
                    }
                });
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (HttpHeaders.SET_COOKIE.equalsIgnoreCase(name)) {
                setsCookie = true;
            }
            if (!hold(name, value, false)) {
                headers.set(name, value);
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (HttpHeaders.SET_COOKIE.equalsIgnoreCase(name)) {
                setsCookie = true;
            }
            if (!hold(name, value, true)) {
                headers.add(name, value);
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!hold(name, RecordedHeaders.httpDate(date), false)) {
                headers.set(name, RecordedHeaders.httpDate(date));
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!hold(name, RecordedHeaders.httpDate(date), true)) {
                headers.add(name, RecordedHeaders.httpDate(date));
                super.addDateHeader(name, date);
            }
        }

        @Override
        public String getHeader(String name) {
            if (holding && name != null && HELD.contains(name.toLowerCase(Locale.ROOT))) {
                List<String> values = held.get(name.toLowerCase(Locale.ROOT));
                return values == null ? null : values.get(0);
            }
            return super.getHeader(name);
        }

        @Override
        public boolean containsHeader(String name) {
            return getHeader(name) != null || super.containsHeader(name);
        }

        @Override
        public void addCookie(Cookie cookie) {
            setsCookie = true;
            super.addCookie(cookie);
        }

        @Override
        public void sendError(int sc) throws IOException {
            sendHeldHeaders();
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            sendHeldHeaders();
            super.sendError(sc, msg);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            sendHeldHeaders();
            super.sendRedirect(location);
        }
    }
}
