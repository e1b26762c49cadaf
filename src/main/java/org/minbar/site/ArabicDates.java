package org.minbar.site;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Dates as Arabic readers read them: "7 كانون الأول 2021" (Levant month names) or "7 ديسمبر 2021",
 * with Western or Arabic-Indic digits, in the site's time zone. The month names and digits are the
 * JDK's (CLDR): Syrian Arabic for the Levant names, Egyptian Arabic for the Gregorian ones.
 */
@Component
class ArabicDates {

    private final ZoneId zone;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;

    ArabicDates(@Value("${minbar.site.time-zone:UTC}") String zone, @Value("${minbar.site.month-names:levant}") String months,
            @Value("${minbar.site.digits:western}") String digits) {
        this.zone = ZoneId.of(zone);
        Locale locale = switch (months) {
            case "levant" -> Locale.forLanguageTag("ar-SY");
            case "gregorian" -> Locale.forLanguageTag("ar-EG");
            default -> throw new IllegalArgumentException("minbar.site.month-names must be levant or gregorian, got " + months);
        };
        DecimalStyle style = switch (digits) {
            case "western" -> DecimalStyle.STANDARD;
            case "arabic-indic" -> DecimalStyle.of(locale);
            default -> throw new IllegalArgumentException("minbar.site.digits must be western or arabic-indic, got " + digits);
        };
        this.date = DateTimeFormatter.ofPattern("d MMMM y", locale).withDecimalStyle(style);
        this.time = DateTimeFormatter.ofPattern("HH:mm", locale).withDecimalStyle(style);
    }

    /** "7 كانون الأول 2021". */
    String date(OffsetDateTime time) {
        return time == null ? "" : date.format(time.atZoneSameInstant(zone));
    }

    /** "7 كانون الأول 2021، 19:30". */
    String dateTime(OffsetDateTime time) {
        if (time == null) {
            return "";
        }
        ZonedDateTime local = time.atZoneSameInstant(zone);
        return date.format(local) + "، " + this.time.format(local);
    }

    /** For the {@code datetime} attribute of {@code <time>}. */
    String iso(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(zone).toOffsetDateTime().toString();
    }
}
