package org.minbar.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The search index in the readiness check ({@code /actuator/health/readiness}, as {@code searchIndex}):
 * DOWN while the index is damaged or being rebuilt, when searches would answer "unavailable" or miss
 * articles. Reads two flags of the indexer, so a load balancer may ask as often as it likes.
 */
@Component("searchIndex")
class SearchIndexHealth implements HealthIndicator {

    private final SearchBackend indexer;

    SearchIndexHealth(SearchBackend indexer) {
        this.indexer = indexer;
    }

    @Override
    public Health health() {
        if (indexer.damaged()) {
            return Health.down().withDetail("index", "damaged; being rebuilt from the database").build();
        }
        if (indexer.rebuilding()) {
            return Health.down().withDetail("index", "being rebuilt from the database").build();
        }
        return Health.up().build();
    }
}
