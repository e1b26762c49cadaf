package org.minbar.site.pages;

import java.util.List;

/**
 * A newsletter page: the sign-up form with sections to choose ({@code action} null), or a page
 * with one button that posts {@code token} to {@code action} (confirm, unsubscribe), optionally with
 * the section preferences of a subscriber.
 */
public record NewsletterPage(PageChrome chrome, int status, String heading, String message, String action, String token,
        String button, List<SectionChoice> sections, List<Long> chosen, boolean preferences) {

    public boolean chose(long sectionId) {
        return chosen != null && chosen.contains(sectionId);
    }
}
