package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.minbar.article.PublishedArticles;
import org.minbar.support.ConnectionGuard;
import org.minbar.support.Http;
import org.minbar.support.SeedFile;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * More concurrent readers than pooled connections: with a pool of 2 and 16 readers, every request
 * must still get through quickly, because no request holds one connection while it waits for
 * another (which deadlocks the pool: each holder waits for a connection only another holder can free).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.hikari.maximum-pool-size=2",
        // A stalled borrow fails within the test instead of after Hikari's default 30 s.
        "spring.datasource.hikari.connection-timeout=3000"})
@Import(ConnectionGuard.class)
class ReadPathUnderLoadIntegrationTests {

    private static final int READERS = 16;
    private static final int ROUNDS = 8;
    /** Well under the 3 s connection timeout: a request that waited for the pool that long was stuck. */
    private static final Duration SLOWEST_ALLOWED = Duration.ofMillis(2000);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    PublishedArticles articles;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.modulith.events.core.EventPublicationRegistry events;

    @Test
    void sixteenConcurrentReadersOnTwoConnectionsGetEveryPageWithoutWaitingForThePool() throws Exception {
        long seedId = articles.publishedIdWithTitle(SeedFile.TITLE).orElseThrow();
        String articlePage = new Http(port).get("/news/" + seedId).headers().firstValue("Location").orElseThrow();
        List<String> paths = List.of(articlePage, "/", "/feed", "/api/v1/articles/" + seedId);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // The first start's work is done before the clock starts: the demo articles indexed (339 events,
        // eight listener threads, and the index rebuild) would otherwise share the two connections with
        // the readers, and this test is about the readers.
        long published = articles.countPublished(null, null);
        Http http = new Http(port);
        // Done: every article searchable and no event delivery still moving (one that failed on the small
        // pool stays incomplete until a restart redelivers it; the index rebuild covers its article).
        java.util.concurrent.atomic.AtomicInteger lastIncomplete = new java.util.concurrent.atomic.AtomicInteger(-1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            int incomplete = events.findIncompletePublications().size();
            boolean settled = lastIncomplete.getAndSet(incomplete) == incomplete; // the same as half a second ago
            return settled && http.json("/api/v1/search?from=1900-01-01").get("total").asLong() == published;
        });
        // Every path answers once before the clock starts (first renders, lazy caches).
        for (String path : paths) {
            assertThat(client.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isEqualTo(200);
        }
        ConnectionGuard.reset();
        Timer acquireBefore = meters.find("hikaricp.connections.acquire").timer();
        long acquiresBefore = acquireBefore == null ? 0 : acquireBefore.count();
        double waitedBefore = acquireBefore == null ? 0 : acquireBefore.totalTime(TimeUnit.MILLISECONDS);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> slow = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int reader = 0; reader < READERS; reader++) {
            int offset = reader;
            done.add(readers.submit(() -> {
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                    String path = paths.get((offset + round) % paths.size());
                    long began = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request(path), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failures.add(path + " answered " + response.statusCode());
                        }
                    } catch (java.io.IOException e) {
                        failures.add(path + " failed: " + e);
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - began);
                    if (took.compareTo(SLOWEST_ALLOWED) > 0) {
                        slow.add(path + " took " + took.toMillis() + " ms");
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        readers.shutdown();

        assertThat(failures).as("requests that failed").isEmpty();
        assertThat(ConnectionGuard.violations()).as("threads that borrowed a second connection").isEmpty();
        assertThat(slow).as("requests that waited near the pool's timeout").isEmpty();
        // The pool's own measure, over the load only (its max also holds the first start's background
        // work, such as a rebuild that timed out before the clock started): the average wait stays short.
        Timer acquire = meters.find("hikaricp.connections.acquire").timer();
        if (acquire != null && acquire.count() > acquiresBefore) {
            double averageWait = (acquire.totalTime(TimeUnit.MILLISECONDS) - waitedBefore) / (acquire.count() - acquiresBefore);
            // The measurement, for the README (the pool on H2 here, on PostgreSQL in ReadPathUnderLoadOnPostgresTests).
            System.out.printf("Pool under load (%s): %d connections borrowed, average wait %.2f ms, %d requests%n",
                    getClass().getSimpleName(), acquire.count() - acquiresBefore, averageWait, READERS * ROUNDS);
            assertThat(averageWait).as("average wait for a pooled connection during the load (ms)").isLessThan(250);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) MinbarTests").GET().build();
    }
}
