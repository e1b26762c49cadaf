package org.minbar.site.pages;

import java.util.List;
import org.minbar.taxonomy.Tag;

/** An article ready to show; {@code bodyHtml} is sanitized and has its promos resolved. */
public record ArticleView(long id, String path, String title, String sourceLabel, List<BylineEntry> byline, String date,
        String isoDate, String bodyHtml, String sectionName, String sectionPath, List<Tag> tags, String leadImageUrl,
        String leadImageAlt) {
}
