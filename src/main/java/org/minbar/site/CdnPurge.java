package org.minbar.site;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a CDN in front which pages a change made stale, by their surrogate keys, when
 * {@code minbar.site.caching.purge-url} is set: one POST of the keys gathered in the last quarter of a
 * second (an import publishes hundreds a second), as JSON {@code {"keys":[...]}} and as a
 * {@code Surrogate-Key} header, so that a small relay (or the CDN's own API) can take either. A failed
 * purge is logged and not repeated: the pages are kept by a CDN for a second (s-maxage) anyway.
 */
@Component
class CdnPurge {

    private static final Logger log = LoggerFactory.getLogger(CdnPurge.class);
    private static final long BATCH_MILLIS = 250;

    private final URI url;
    private final String token;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final HttpClient client;
    private final ScheduledExecutorService sender;

    CdnPurge(SiteProperties site) {
        this.url = site.caching().purgeUrl();
        this.token = site.caching().purgeToken();
        if (url == null || url.toString().isBlank()) {
            client = null;
            sender = null;
            return;
        }
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        sender = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cdn-purge");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(this::send, BATCH_MILLIS, BATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Asks for these keys to be purged (soon, with others); nothing when no purge URL is set. */
    void purge(Collection<String> keys) {
        if (sender != null) {
            pending.addAll(keys);
        }
    }

    private void send() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> keys = new TreeSet<>(pending).stream().toList();
        pending.removeAll(keys);
        // Keys are ours ([a-z0-9-]): nothing to escape.
        String json = keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(",", "{\"keys\":[", "]}"));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(SurrogateKeys.HEADER, String.join(" ", keys))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                log.warn("CDN purge of {} keys at {} answered {}; the pages expire at the CDN within a second anyway",
                        keys.size(), url, answer.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("CDN purge of {} keys at {} failed: {}; the pages expire at the CDN within a second anyway",
                    keys.size(), url, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (sender != null) {
            sender.shutdown();
            send(); // what is pending still goes
        }
    }
}
