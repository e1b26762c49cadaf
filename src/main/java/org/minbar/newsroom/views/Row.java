package org.minbar.newsroom.views;

/** A line of the newsroom's article list, ready to show; {@code blocked}: why scheduled publishing held it back, or null. */
public record Row(long id, String title, String status, String statusName, String section, String author, String updated,
        String published, String blocked) {
}
