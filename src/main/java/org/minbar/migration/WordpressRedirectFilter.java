package org.minbar.migration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.minbar.article.Article;
import org.minbar.article.ArticleService;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers old WordPress addresses of imported posts with a 301 to the article: {@code /?p=ID}, the
 * old permalink path and the bare post slug. Minbar's own addresses are never looked up, so an
 * imported path can never shadow a page of the site.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class WordpressRedirectFilter extends OncePerRequestFilter {

    /** First path segments that belong to Minbar (pages, feeds, assets); WordPress paths under them are not answered here. */
    private static final List<String> MINBAR_PREFIXES = List.of("/news", "/section", "/tag", "/search", "/popular", "/feed",
            "/sitemap", "/robots.txt", "/api", "/newsroom", "/media", "/newsletter", "/css", "/js", "/fonts", "/favicon",
            "/actuator", "/internal", "/error", "/contributor", "/author", "/login", "/logout");

    private final WordpressLinks links;
    private final ArticleService articles;

    WordpressRedirectFilter(WordpressLinks links, ArticleService articles) {
        this.links = links;
        this.articles = articles;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/") || path.isEmpty()) {
            return request.getParameter("p") == null;
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
        Optional<Long> articleId;
        if (path.isEmpty() || path.equals("/")) {
            articleId = postId(request.getParameter("p")).flatMap(links::articleForPostId);
        } else {
            articleId = links.articleForPath(WxrImporter.normalizePath(WxrImporter.decode(path)));
        }
        Optional<Article> article = articleId.flatMap(articles::findPublished);
        if (article.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", article.get().path());
    }

    private static Optional<Long> postId(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
