package org.minbar.site.pages;

import java.util.List;

/**
 * An article ready to show; {@code bodyHtml} is sanitized and has its promos resolved.
 * {@code leadMedia}: the lead image from the media library (sizes, caption, credit), or null.
 * {@code imageLed}: the article is in an image-led section (a cartoon is its image and caption).
 */
public record ArticleView(long id, String path, String title, String sourceLabel, List<BylineEntry> byline, String date,
        String isoDate, String bodyHtml, String sectionName, String sectionPath, List<Link> tags, String leadImageUrl,
        String leadImageAlt, Picture leadMedia, boolean imageLed) {
}
