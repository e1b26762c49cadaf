package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where an article is listed: its section (null when it has none) and its tags; {@code updatedAt}:
 * its last change (null when there is no such article).
 */
public record ArticlePlacement(Long sectionId, List<Long> tagIds, OffsetDateTime updatedAt) {
}
