package org.minbar.article;

import java.time.OffsetDateTime;

/** A line of the newsroom's article list. */
public record NewsroomRow(long id, String title, ArticleStatus status, Long sectionId, String createdBy,
        OffsetDateTime updatedAt, OffsetDateTime publishedAt) {
}
