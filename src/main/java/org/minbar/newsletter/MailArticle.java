package org.minbar.newsletter;

/** An article as a newsletter shows it. */
public record MailArticle(long id, String title, String url, String excerpt, String section, Long sectionId) {
}
