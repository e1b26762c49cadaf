package org.minbar.site;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Dates as Arabic readers read them: "7 كانون الأول 2021" (Levant month names) or "7 ديسمبر 2021",
 * with Western or Arabic-Indic digits, in the site's time zone.
 */
@Component
class ArabicDates {

    static final String[] LEVANT = {"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
        "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"};
    static final String[] GREGORIAN = {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
        "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};

    private final ZoneId zone;
    private final String[] months;
    private final boolean arabicIndicDigits;

    ArabicDates(@Value("${minbar.site.time-zone:UTC}") String zone, @Value("${minbar.site.month-names:levant}") String months,
            @Value("${minbar.site.digits:western}") String digits) {
        this.zone = ZoneId.of(zone);
        this.months = switch (months) {
            case "levant" -> LEVANT;
            case "gregorian" -> GREGORIAN;
            default -> throw new IllegalArgumentException("minbar.site.month-names must be levant or gregorian, got " + months);
        };
        this.arabicIndicDigits = switch (digits) {
            case "western" -> false;
            case "arabic-indic" -> true;
            default -> throw new IllegalArgumentException("minbar.site.digits must be western or arabic-indic, got " + digits);
        };
    }

    /** "7 كانون الأول 2021". */
    String date(OffsetDateTime time) {
        if (time == null) {
            return "";
        }
        ZonedDateTime local = time.atZoneSameInstant(zone);
        return digits(local.getDayOfMonth() + " " + months[local.getMonthValue() - 1] + " " + local.getYear());
    }

    /** "7 كانون الأول 2021، 19:30". */
    String dateTime(OffsetDateTime time) {
        if (time == null) {
            return "";
        }
        ZonedDateTime local = time.atZoneSameInstant(zone);
        return date(time) + "، " + digits(DateTimeFormatter.ofPattern("HH:mm").format(local));
    }

    /** For the {@code datetime} attribute of {@code <time>}. */
    String iso(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(zone).toOffsetDateTime().toString();
    }

    String digits(String text) {
        if (!arabicIndicDigits) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            result.append(c >= '0' && c <= '9' ? (char) ('٠' + (c - '0')) : c);
        }
        return result.toString();
    }
}
