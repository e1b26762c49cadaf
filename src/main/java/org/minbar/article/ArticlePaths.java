package org.minbar.article;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Reader URLs of articles: {@code /news/{id}/{slug}}; the id alone always resolves. */
public final class ArticlePaths {

    private ArticlePaths() {
    }

    public static String of(long id, String slug) {
        return "/news/" + id + "/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
