package org.minbar.newsletter;

import java.util.List;

/** What a newsletter mail template shows (confirmation, digest, breaking news). */
public record MailView(String siteName, String siteUrl, String subject, String heading, String intro,
        List<MailArticle> articles, String actionUrl, String unsubscribeUrl, String footer) {
}
