package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ArabicDatesTests {

    private final OffsetDateTime summit = OffsetDateTime.parse("2021-12-07T17:30:00Z");

    @Test
    void usesLevantMonthNamesInTheSiteTimeZone() {
        ArabicDates dates = new ArabicDates("Asia/Damascus", "levant", "western");
        assertThat(dates.date(summit)).isEqualTo("7 كانون الأول 2021");
        assertThat(dates.dateTime(summit)).isEqualTo("7 كانون الأول 2021، 19:30");
        assertThat(dates.iso(summit)).isEqualTo("2021-12-07T19:30+02:00");
    }

    @Test
    void usesGregorianMonthNamesAndArabicIndicDigitsWhenConfigured() {
        ArabicDates dates = new ArabicDates("UTC", "gregorian", "arabic-indic");
        assertThat(dates.date(summit)).isEqualTo("٧ ديسمبر ٢٠٢١");
    }

    @Test
    void dateLineCrossesMidnightInTheSiteTimeZone() {
        ArabicDates dates = new ArabicDates("Asia/Damascus", "levant", "western");
        assertThat(dates.date(OffsetDateTime.parse("2021-12-31T23:00:00Z"))).isEqualTo("1 كانون الثاني 2022");
    }

    @Test
    void writesTheTimeOfDayInArabicIndicDigitsToo() {
        ArabicDates dates = new ArabicDates("Asia/Damascus", "levant", "arabic-indic");
        assertThat(dates.dateTime(OffsetDateTime.parse("2021-12-07T17:30:00Z"))).isEqualTo("٧ كانون الأول ٢٠٢١، ١٩:٣٠");
    }

    @Test
    void rejectsUnknownSettings() {
        assertThatThrownBy(() -> new ArabicDates("UTC", "hijri", "western")).hasMessageContaining("levant or gregorian");
        assertThatThrownBy(() -> new ArabicDates("UTC", "levant", "roman")).hasMessageContaining("western or arabic-indic");
    }
}
