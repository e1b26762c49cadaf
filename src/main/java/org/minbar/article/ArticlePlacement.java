package org.minbar.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where an article is listed: its section (null when it has none) and its tags; {@code modifiedAt}:
 * when readers last saw it change ({@link Article#readerModifiedAt}; null when there is no such
 * article, or it was never published).
 */
public record ArticlePlacement(Long sectionId, List<Long> tagIds, OffsetDateTime modifiedAt) {
}
