package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.minbar.support.BoundSettings;
import org.minbar.system.SystemProperties;
import org.springframework.boot.context.properties.bind.BindException;

class ArabicDatesTests {

    private final OffsetDateTime summit = OffsetDateTime.parse("2021-12-07T17:30:00Z");

    /** ArabicDates as the site builds it from these settings (the others at their defaults). */
    private static ArabicDates dates(String... properties) {
        return new ArabicDates(BoundSettings.bind(SystemProperties.class, properties),
                BoundSettings.bind(SiteProperties.class, properties));
    }

    @Test
    void byDefaultUsesLevantMonthNamesAndWesternDigitsInDamascusTime() {
        ArabicDates dates = dates();
        assertThat(dates.date(summit)).isEqualTo("7 كانون الأول 2021");
        assertThat(dates.dateTime(summit)).isEqualTo("7 كانون الأول 2021، 19:30");
        assertThat(dates.iso(summit)).isEqualTo("2021-12-07T19:30+02:00");
    }

    @Test
    void usesGregorianMonthNamesAndArabicIndicDigitsWhenConfigured() {
        ArabicDates dates = dates("minbar.site.time-zone=UTC", "minbar.site.month-names=gregorian",
                "minbar.site.digits=arabic-indic");
        assertThat(dates.date(summit)).isEqualTo("٧ ديسمبر ٢٠٢١");
        assertThat(dates.iso(summit)).isEqualTo("2021-12-07T17:30Z");
    }

    @Test
    void dateLineCrossesMidnightInTheSiteTimeZone() {
        ArabicDates dates = dates("minbar.site.time-zone=Asia/Damascus");
        assertThat(dates.date(OffsetDateTime.parse("2021-12-31T23:00:00Z"))).isEqualTo("1 كانون الثاني 2022");
    }

    @Test
    void writesTheTimeOfDayInArabicIndicDigitsToo() {
        ArabicDates dates = dates("minbar.site.digits=arabic-indic");
        assertThat(dates.dateTime(OffsetDateTime.parse("2021-12-07T17:30:00Z"))).isEqualTo("٧ كانون الأول ٢٠٢١، ١٩:٣٠");
    }

    @Test
    void rejectsUnknownSettings() {
        assertThatThrownBy(() -> dates("minbar.site.month-names=hijri")).isInstanceOf(BindException.class)
                .hasMessageContaining("minbar.site.month-names");
        assertThatThrownBy(() -> dates("minbar.site.digits=roman")).isInstanceOf(BindException.class)
                .hasMessageContaining("minbar.site.digits");
        assertThatThrownBy(() -> dates("minbar.site.time-zone=Mars/Olympus")).isInstanceOf(BindException.class)
                .hasMessageContaining("minbar.site.time-zone");
    }
}
