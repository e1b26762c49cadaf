package org.minbar.migration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minbar.article.Article;
import org.minbar.article.PublishedArticles;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers old WordPress addresses with a 301 to their Minbar address: posts ({@code /?p=ID}, the
 * old permalink, the bare slug), categories ({@code /category/parent/child/}), tags
 * ({@code /tag/slug/}), their feeds and the site's feeds ({@code /feed/}, {@code ?feed=rss2}).
 * Date archives ({@code /2021/12/}) go to the search page filtered to those dates, Minbar's only
 * list by date. A WordPress-only address that leads nowhere (an unknown or unpublished post, an
 * unknown category) is a 404, never the home page; comment feeds are 410, as Minbar has no comments.
 * Minbar's own addresses are never looked up, so an imported path can never shadow a page of the site.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class WordpressRedirectFilter extends OncePerRequestFilter {

    /** First path segments that belong to Minbar (pages, assets); WordPress paths under them are not answered here. */
    private static final List<String> MINBAR_PREFIXES = List.of("/news", "/section", "/search", "/popular",
            "/sitemap", "/robots.txt", "/api", "/newsroom", "/media", "/newsletter", "/css", "/js", "/fonts", "/favicon", "/cards", "/brand",
            "/actuator", "/internal", "/error", "/contributor", "/author", "/login", "/logout");
    /** Query parameters of WordPress's "plain" permalinks, answered on the home page. */
    private static final List<String> HOME_PARAMETERS = List.of("p", "page_id", "feed", "tag");

    /** WordPress's feed suffix of a listing: {@code /feed/}, {@code /feed/rss2/}, {@code /feed/atom/}... */
    private static final String FEED = "(/feed(?:/(rss2|rss|rdf|atom))?)?";
    private static final Pattern SITE_FEED = Pattern.compile("/feed(?:/(rss2|rss|rdf|atom))?/?");
    private static final Pattern CATEGORY = Pattern.compile("/category/(?:[^/]+/)*?([^/]+?)" + FEED + "(?:/page/(\\d{1,6}))?/?");
    private static final Pattern TAG = Pattern.compile("/tag/([^/]+?)" + FEED + "(?:/page/(\\d{1,6}))?/?");
    private static final Pattern DATE = Pattern.compile("/(\\d{4})(?:/(\\d{2}))?(?:/(\\d{2}))?(?:/page/\\d{1,6})?/?");
    private static final Pattern COMMENT_FEED = Pattern.compile("(?:/comments|/.+)/feed(?:/(rss2|rss|rdf|atom))?/?");

    private final WordpressLinks links;
    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;

    WordpressRedirectFilter(WordpressLinks links, PublishedArticles articles, TaxonomyService taxonomy) {
        this.links = links;
        this.articles = articles;
        this.taxonomy = taxonomy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/") || path.isEmpty()) {
            return HOME_PARAMETERS.stream().noneMatch(name -> request.getParameter(name) != null);
        }
        if (path.equals("/feed") || path.equals("/feed/atom")) {
            return true; // Minbar's own feeds
        }
        for (String prefix : MINBAR_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + "-") || path.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Answer answer = path.isEmpty() || path.equals("/") ? home(request) : path(WxrImporter.decode(path));
        switch (answer.status()) {
            case 0 -> chain.doFilter(request, response);
            case HttpServletResponse.SC_MOVED_PERMANENTLY -> {
                response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
                response.setHeader("Location", answer.location());
            }
            default -> response.sendError(answer.status());
        }
    }

    /** What to answer: 0 to let Minbar answer, 301 with a location, or an error status. */
    private record Answer(int status, String location) {
        static final Answer MINBAR = new Answer(0, null);
        static final Answer NOT_FOUND = new Answer(HttpServletResponse.SC_NOT_FOUND, null);
        static final Answer GONE = new Answer(HttpServletResponse.SC_GONE, null);

        static Answer to(String location) {
            return new Answer(HttpServletResponse.SC_MOVED_PERMANENTLY, location);
        }
    }

    /** {@code /?p=ID}, {@code /?page_id=ID}, {@code /?feed=rss2}, {@code /?tag=slug}. */
    private Answer home(HttpServletRequest request) {
        String feed = request.getParameter("feed");
        if (feed != null) {
            return feed.startsWith("comments") ? Answer.GONE : Answer.to(siteFeed(feed));
        }
        String tag = request.getParameter("tag");
        if (tag != null) {
            return tagAnswer(tag.strip(), false, null, null, null);
        }
        String id = request.getParameter("p") != null ? request.getParameter("p") : request.getParameter("page_id");
        return postId(id).flatMap(links::articleForPostId).flatMap(articles::findPublished)
                .map(article -> Answer.to(article.path())).orElse(Answer.NOT_FOUND);
    }

    /** {@code path} is decoded. */
    private Answer path(String path) {
        Matcher m = SITE_FEED.matcher(path);
        if (m.matches()) {
            return Answer.to(siteFeed(m.group(1)));
        }
        m = CATEGORY.matcher(path);
        if (m.matches()) {
            Optional<Section> section = links.term("category", m.group(1)).flatMap(taxonomy::section);
            String feed = m.group(2);
            String type = m.group(3);
            String page = m.group(4);
            return section.map(s -> Answer.to(listing(s.path(), feed != null, type, page))).orElse(Answer.NOT_FOUND);
        }
        m = TAG.matcher(path);
        if (m.matches()) {
            return tagAnswer(m.group(1), m.group(2) != null, m.group(3), m.group(4), path);
        }
        String normalized = WxrImporter.normalizePath(path);
        Optional<Long> articleId = links.articleForPath(normalized);
        if (articleId.isPresent()) {
            return articleId.flatMap(articles::findPublished).map(a -> Answer.to(a.path())).orElse(Answer.NOT_FOUND);
        }
        m = DATE.matcher(path);
        if (m.matches()) {
            return dateArchive(m.group(1), m.group(2), m.group(3));
        }
        m = COMMENT_FEED.matcher(path);
        if (m.matches() && (path.startsWith("/comments/") || links.articleForPath(normalized.replaceAll("/feed(/[a-z0-9]+)?$", "")).isPresent())) {
            return Answer.GONE; // Minbar has no comments: feed readers should stop asking
        }
        return Answer.MINBAR;
    }

    /**
     * A WordPress tag address: its Minbar tag, found by the slug WordPress gave it. Minbar's own
     * {@code /tag/slug} (and its feeds) are let through; a tag slug that was never imported is left to Minbar.
     */
    private Answer tagAnswer(String slug, boolean feed, String feedType, String page, String path) {
        Optional<Tag> tag = links.term("post_tag", slug).flatMap(id -> taxonomy.tags(List.of(id)).stream().findFirst());
        if (tag.isEmpty()) {
            return path == null ? Answer.NOT_FOUND : Answer.MINBAR;
        }
        String target = listing(tag.get().path(), feed, feedType, page);
        return WxrImporter.decode(target).equals(path) ? Answer.MINBAR : Answer.to(target);
    }

    /** A section's or tag's Minbar address, its feed (RSS or Atom) or one of its pages. */
    private static String listing(String path, boolean feed, String feedType, String page) {
        if (feed) {
            return path + ("atom".equals(feedType) ? "/feed/atom" : "/feed");
        }
        return page == null || page.equals("1") ? path : path + "?page=" + page;
    }

    private static String siteFeed(String type) {
        return "atom".equals(type) ? "/feed/atom" : "/feed";
    }

    /** A year, month or day archive: the search page lists that period's articles, newest first. */
    private static Answer dateArchive(String year, String month, String day) {
        try {
            LocalDate from;
            LocalDate to;
            if (month == null) {
                from = LocalDate.of(Integer.parseInt(year), 1, 1);
                to = from.withDayOfYear(from.lengthOfYear());
            } else if (day == null) {
                YearMonth ym = YearMonth.of(Integer.parseInt(year), Integer.parseInt(month));
                from = ym.atDay(1);
                to = ym.atEndOfMonth();
            } else {
                from = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
                to = from;
            }
            return Answer.to("/search?from=" + from + "&to=" + to + "&sort=newest");
        } catch (DateTimeException e) {
            return Answer.NOT_FOUND;
        }
    }

    private static Optional<Long> postId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.strip())).filter(id -> id > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
