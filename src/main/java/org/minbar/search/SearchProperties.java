package org.minbar.search;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The search index's settings, with their defaults (and nowhere else).
 *
 * @param healthCheckInterval how often the running site checks the search index (and retries a failed rebuild)
 * @param concurrent searches that may run at once (more wait, see {@code busyWait})
 * @param busyWait how long a search beyond {@code concurrent} waits for one to end before it is answered "busy" (503)
 */
@ConfigurationProperties("minbar.search")
@Validated
record SearchProperties(
        @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("30s") Duration healthCheckInterval,
        @Min(value = 1, message = "must be 1 or more") @DefaultValue("4") int concurrent,
        @NotNull @DefaultValue("2s") Duration busyWait) {
}
