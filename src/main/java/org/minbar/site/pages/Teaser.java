package org.minbar.site.pages;

/** An article in a list: headline, link, and what is needed around it. */
public record Teaser(long id, String title, String path, String excerpt, String sectionName, String sectionPath,
        String date, String isoDate, String imageUrl, String imageAlt) {
}
