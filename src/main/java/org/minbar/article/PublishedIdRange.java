package org.minbar.article;

import java.time.OffsetDateTime;

/**
 * The published articles of one stretch of ids (range {@code number} of ranges of a given size,
 * from 1): how many there are and their newest change (the later of publish and update times), for
 * an article sitemap and its lastmod. Ranges of ids, not of counts, so that an unpublish or a new
 * article changes one range only.
 */
public record PublishedIdRange(int number, long articles, OffsetDateTime newestChange) {

    public long firstId(int size) {
        return (long) (number - 1) * size + 1;
    }

    public long lastId(int size) {
        return (long) number * size;
    }

    /** The range that holds this id. */
    public static int of(long id, int size) {
        return (int) ((id - 1) / size) + 1;
    }
}
