package org.minbar.newsletter;

import java.util.List;
import java.util.Map;

/** The newsroom's newsletter page: subscriber counts, the last sends and a notice after an action. */
public record NewsletterAdminPage(Map<String, Long> counts, List<NewsletterService.EditionSummary> editions, String notice,
        boolean smtpConfigured) {

    /** Arabic label of a subscriber status. */
    public static String statusLabel(String status) {
        return switch (status) {
            case "CONFIRMED" -> "مؤكَّد";
            case "PENDING" -> "بانتظار التأكيد";
            case "UNSUBSCRIBED" -> "ألغى الاشتراك";
            case "BOUNCING" -> "عنوان مرتدّ";
            default -> status;
        };
    }

    public static String kindLabel(String kind) {
        return "BREAKING".equals(kind) ? "عاجل" : "نشرة دورية";
    }
}
