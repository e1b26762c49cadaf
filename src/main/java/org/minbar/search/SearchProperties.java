package org.minbar.search;

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
 */
@ConfigurationProperties("minbar.search")
@Validated
record SearchProperties(
        @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("30s") Duration healthCheckInterval) {
}
