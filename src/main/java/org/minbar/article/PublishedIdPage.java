package org.minbar.article;

import java.time.OffsetDateTime;

/** One page of published articles by ascending id: where it starts, and its newest change (for a sitemap's lastmod). */
public record PublishedIdPage(long firstId, OffsetDateTime newestChange) {
}
