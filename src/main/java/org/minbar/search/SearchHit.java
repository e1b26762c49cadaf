package org.minbar.search;

import java.time.Instant;

/** One result; {@code snippetHtml} is escaped text with the matches in {@code <mark>}. */
public record SearchHit(long id, String title, String path, String snippetHtml, String sectionSlug, String sectionName,
        Instant published) {
}
