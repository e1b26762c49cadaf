package org.minbar.article;

import java.util.List;

/** Where an article is listed: its section (null when it has none) and its tags. */
public record ArticlePlacement(Long sectionId, List<Long> tagIds) {
}
