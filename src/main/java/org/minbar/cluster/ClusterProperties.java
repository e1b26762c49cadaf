package org.minbar.cluster;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Several nodes on one database, with the defaults (and nowhere else).
 *
 * @param enabled {@code auto}: on when the database is PostgreSQL, off on H2 (one node); {@code true} or {@code false}
 * @param nodeId this node's name in the change log; empty: the host name and a random suffix, new at each start
 * @param pollInterval how often the change log is read when no notification came (the safety net for a lost one)
 * @param retention how long change-log rows are kept
 */
@ConfigurationProperties("minbar.cluster")
@Validated
record ClusterProperties(
        @NotNull @DefaultValue("auto") String enabled,
        @NotNull @DefaultValue("") String nodeId,
        @NotNull @DurationMin(millis = 50, message = "must be at least 50ms") @DefaultValue("2s") Duration pollInterval,
        @NotNull @DurationMin(minutes = 1, message = "must be at least 1m") @DefaultValue("1d") Duration retention) {

    ClusterProperties {
        if (enabled != null && !enabled.equals("auto") && !enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException("minbar.cluster.enabled must be auto, true or false, got " + enabled);
        }
    }
}
