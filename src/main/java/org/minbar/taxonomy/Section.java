package org.minbar.taxonomy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A section of the site; sections may nest. */
public record Section(long id, String slug, String name, Long parentId, SectionKind kind, int position) {

    public String path() {
        return "/section/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public boolean imageLed() {
        return kind == SectionKind.IMAGE_LED;
    }
}
