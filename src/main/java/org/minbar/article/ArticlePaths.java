package org.minbar.article;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Reader URLs of articles: {@code /news/{id}/{slug}}; the id alone always resolves. */
public final class ArticlePaths {

    private ArticlePaths() {
    }

    /** Arabic slugs encode to long %XX runs, and every teaser on a page asks: the encodings are kept. */
    private static final com.github.benmanes.caffeine.cache.Cache<String, String> ENCODED =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(50_000).build();

    public static String of(long id, String slug) {
        return "/news/" + id + "/" + ENCODED.get(slug, s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
