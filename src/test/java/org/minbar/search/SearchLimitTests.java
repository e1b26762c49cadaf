package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The search bulkhead: at most so many at once, the next waits a moment, then is told "busy" in Arabic. */
class SearchLimitTests {

    @Test
    void aSearchBeyondTheLimitWaitsForOneToEndAndIsAnsweredBusyWhenNoneDoes() throws Exception {
        SearchLimit limit = new SearchLimit(1, Duration.ofMillis(200));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> limit.run(() -> {
            inside.countDown();
            await(release);
            return "first";
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        long before = System.nanoTime();
        assertThatThrownBy(() -> limit.run(() -> "second")).isInstanceOfSatisfying(SearchUnavailableException.class, e -> {
            assertThat(e.retryAfterSeconds()).isPositive();
            assertThat(e.arabicMessage()).contains("البحث مشغول");
        });
        assertThat(System.nanoTime() - before).as("it waited for the running one first").isGreaterThanOrEqualTo(150_000_000L);

        // One that ends within the wait lets the next in.
        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> limit.run(() -> "third"));
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("third");
        assertThat(limit.run(() -> "after")).as("every permit came back").isEqualTo("after");
    }

    @Test
    void aFailingSearchGivesItsPlaceBack() {
        SearchLimit limit = new SearchLimit(1, Duration.ofMillis(50));
        assertThatThrownBy(() -> limit.run(() -> {
            throw new IllegalStateException("index read failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(limit.run(() -> "next")).isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
