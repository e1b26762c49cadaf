package org.minbar.site;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.Locale;
import org.minbar.system.SystemProperties;
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

    ArabicDates(SystemProperties system, SiteProperties site) {
        this.zone = system.site().timeZone();
        Locale locale = switch (site.monthNames()) {
            case LEVANT -> Locale.forLanguageTag("ar-SY");
            case GREGORIAN -> Locale.forLanguageTag("ar-EG");
        };
        DecimalStyle style = switch (site.digits()) {
            case WESTERN -> DecimalStyle.STANDARD;
            case ARABIC_INDIC -> DecimalStyle.of(locale);
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
