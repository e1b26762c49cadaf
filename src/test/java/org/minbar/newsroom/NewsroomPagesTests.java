package org.minbar.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.minbar.support.BoundSettings;
import org.minbar.system.SystemProperties;

class NewsroomPagesTests {

    private final OffsetDateTime summit = OffsetDateTime.parse("2021-12-07T17:30:00Z");

    @Test
    void showsAndReadsTimesInTheSiteTimeZoneDamascusByDefault() {
        NewsroomPages pages = new NewsroomPages(null, BoundSettings.bind(SystemProperties.class));
        assertThat(pages.format(summit)).isEqualTo("2021-12-07 19:30");
        assertThat(pages.inputValue(summit)).isEqualTo("2021-12-07T19:30");
        assertThat(pages.parseInput("2021-12-07T19:30")).isEqualTo(OffsetDateTime.parse("2021-12-07T19:30+02:00"));
    }

    @Test
    void followsAConfiguredTimeZone() {
        NewsroomPages pages = new NewsroomPages(null, BoundSettings.bind(SystemProperties.class, "minbar.site.time-zone=UTC"));
        assertThat(pages.format(summit)).isEqualTo("2021-12-07 17:30");
    }
}
