package org.minbar.newsroom.views;

/** One line of the audit log as shown: the time in the site's zone, who, what, on what, and from where. */
public record AuditRow(String time, String actor, String action, String subject, String detail, String address) {
}
