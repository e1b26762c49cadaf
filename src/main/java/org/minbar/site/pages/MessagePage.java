package org.minbar.site.pages;

/** A short message: errors (404, 500) and form results. */
public record MessagePage(PageChrome chrome, int status, String heading, String message, String backPath,
        String backLabel) {
}
