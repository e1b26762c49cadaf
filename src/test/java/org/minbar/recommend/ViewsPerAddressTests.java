package org.minbar.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One view per address per article per window, whatever the User-Agent (reproduced: 300 requests
 * from one address with rotating User-Agents counted 300 views and moved an old article to the top
 * of the popular ranking). Counting needs no database: it is in memory until the flush.
 */
class ViewsPerAddressTests {

    private final ViewCounter counter = new ViewCounter(null, null, null);

    @Test
    void rotatingTheUserAgentCountsOneView() {
        long counted = IntStream.range(0, 300)
                .filter(i -> counter.record(42, "203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64) Firefox/" + i)).count();
        assertThat(counted).isEqualTo(1);
    }

    @Test
    void otherAddressesAndOtherArticlesStillCount() {
        assertThat(counter.record(42, "203.0.113.9", "Mozilla/5.0")).isTrue();
        assertThat(counter.record(42, "198.51.100.3", "Mozilla/5.0")).isTrue();
        assertThat(counter.record(43, "203.0.113.9", "Mozilla/5.0")).isTrue();
        assertThat(counter.record(42, "203.0.113.9", "Mozilla/5.0")).isFalse();
    }
}
