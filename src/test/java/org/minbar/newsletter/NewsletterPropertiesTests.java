package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.schedule.DisabledSchedule;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.minbar.support.BoundSettings;
import org.minbar.system.SystemProperties;

class NewsletterPropertiesTests {

    private static final Instant MIDNIGHT_UTC = Instant.parse("2024-03-01T00:00:00Z");

    private static ZoneId siteZone(String... properties) {
        return BoundSettings.bind(SystemProperties.class, properties).site().timeZone();
    }

    @Test
    void theDigestGoesOutAtSevenInTheSiteTimeZoneByDefault() {
        NewsletterProperties newsletter = BoundSettings.bind(NewsletterProperties.class);
        assertThat(newsletter.digestSchedule()).isEqualTo("DAILY|07:00");
        // 07:00 in Damascus (UTC+3 in 2024), not 07:00 on the server's clock.
        assertThat(newsletter.digestSchedule(siteZone()).getInitialExecutionTime(MIDNIGHT_UTC))
                .isEqualTo(Instant.parse("2024-03-01T04:00:00Z"));
        assertThat(newsletter.digestSchedule(siteZone("minbar.site.time-zone=UTC")).getInitialExecutionTime(MIDNIGHT_UTC))
                .isEqualTo(Instant.parse("2024-03-01T07:00:00Z"));
    }

    @Test
    void aZoneInTheScheduleWinsAndOtherSchedulesAreTakenAsTheyAre() {
        NewsletterProperties berlin = BoundSettings.bind(NewsletterProperties.class,
                "minbar.newsletter.digest-schedule=DAILY|07:00|Europe/Berlin");
        assertThat(berlin.digestSchedule(siteZone()).getInitialExecutionTime(MIDNIGHT_UTC))
                .isEqualTo(Instant.parse("2024-03-01T06:00:00Z"));
        NewsletterProperties never = BoundSettings.bind(NewsletterProperties.class, "minbar.newsletter.digest-schedule=-");
        assertThat(never.digestSchedule(siteZone())).isInstanceOf(DisabledSchedule.class);
    }

    @Test
    void theSenderNameIsEmptyUnlessSetSoMailsUseTheSiteName() {
        assertThat(BoundSettings.bind(NewsletterProperties.class).fromName()).isEmpty();
    }
}
