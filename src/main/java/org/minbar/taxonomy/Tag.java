package org.minbar.taxonomy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A tag; each has its own page. */
public record Tag(long id, String slug, String name) {

    public String path() {
        return "/tag/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
