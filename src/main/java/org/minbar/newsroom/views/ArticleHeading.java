package org.minbar.newsroom.views;

/** What the editor and the revision history show of the article they are about. */
public record ArticleHeading(long id, String title, String status, String statusName, int version, boolean published,
        String path) {
}
