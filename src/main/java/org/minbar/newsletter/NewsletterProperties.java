package org.minbar.newsletter;

import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.ZoneId;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The newsletter's settings, with their defaults (and nowhere else); SMTP itself is Spring Boot's
 * {@code spring.mail.*} (without {@code spring.mail.host}, mails are written to the log).
 *
 * @param from the sender's address
 * @param fromName the sender's name; empty: the site's name, as an admin last set it in the newsroom
 * @param confirmationTtl how long a confirmation link works
 * @param confirmationsPerAddressPerDay confirmation mails sent to one address a day at most
 * @param digestSchedule when the digest goes out (a db-scheduler schedule): DAILY|07:00 (in the site's time
 *        zone, minbar.site.time-zone, unless a zone follows: DAILY|07:00|Europe/Berlin),
 *        FIXED_DELAY|3600s, or - for never
 * @param digestFirstLookBack how far back the first digest reaches, when no digest was sent before
 * @param digestMaxArticles articles in one digest at most
 * @param retryDelay temporary SMTP failures: first retry after this, doubled each time (at most a day)
 * @param maxAttempts temporary SMTP failures: attempts at most, the first one included
 * @param bounceLimit permanent (5xx) failures in a row before an address is marked bouncing (no more mail)
 * @param batchSize recipients of an edition claimed from the outbox at a time
 */
@ConfigurationProperties("minbar.newsletter")
@Validated
record NewsletterProperties(
        @NotBlank(message = "must not be empty") @DefaultValue("newsletter@localhost") String from,
        @DefaultValue("") String fromName,
        @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("48h") Duration confirmationTtl,
        @Positive(message = "must be greater than 0") @DefaultValue("3") int confirmationsPerAddressPerDay,
        @NotBlank(message = "must not be empty (- for never)") @DefaultValue("DAILY|07:00") String digestSchedule,
        @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("24h") Duration digestFirstLookBack,
        @Positive(message = "must be greater than 0") @DefaultValue("30") int digestMaxArticles,
        @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("1m") Duration retryDelay,
        @Positive(message = "must be greater than 0") @DefaultValue("6") int maxAttempts,
        @Positive(message = "must be greater than 0") @DefaultValue("3") int bounceLimit,
        @Positive(message = "must be greater than 0") @DefaultValue("200") int batchSize) {

    NewsletterProperties {
        fromName = fromName == null ? "" : fromName.strip();
        if (digestSchedule != null && !digestSchedule.isBlank()) {
            digestSchedule = digestSchedule.strip();
            try {
                Schedules.parseSchedule(digestSchedule);
            } catch (RuntimeException e) {
                // Without the cause: Spring Boot's report of a failed binding shows the innermost exception's message.
                throw new IllegalArgumentException("minbar.newsletter.digest-schedule must be DAILY|07:00 (with an optional "
                        + "|Zone), FIXED_DELAY|3600s or -, got " + digestSchedule);
            }
        }
    }

    /**
     * The digest's schedule. A daily schedule that names no zone runs in the site's time zone (db-scheduler
     * would otherwise use the server's, often UTC: 07:00 would be 10:00 in Damascus).
     */
    Schedule digestSchedule(ZoneId siteZone) {
        boolean dailyWithoutZone = digestSchedule.startsWith("DAILY|") && digestSchedule.split("\\|").length == 2;
        return Schedules.parseSchedule(dailyWithoutZone ? digestSchedule + "|" + siteZone.getId() : digestSchedule);
    }

    /** Back-off before attempt {@code attempts + 1}: the retry delay, doubled after each failure, at most a day. */
    Duration backOff(int attempts) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : delay;
    }
}
