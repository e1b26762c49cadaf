package org.minbar.search;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
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
 * @param backend where the archive is indexed: {@code lucene} (on this node's disk) or {@code opensearch}
 * @param opensearch the OpenSearch cluster, when {@code backend} is {@code opensearch}
 */
@ConfigurationProperties("minbar.search")
@Validated
record SearchProperties(
        @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("30s") Duration healthCheckInterval,
        @Min(value = 1, message = "must be 1 or more") @DefaultValue("4") int concurrent,
        @NotNull @DefaultValue("2s") Duration busyWait,
        @NotNull(message = "must be lucene or opensearch") @DefaultValue("lucene") Backend backend,
        @Valid @NotNull @DefaultValue OpenSearch opensearch) {

    enum Backend {
        LUCENE, OPENSEARCH
    }

    /**
     * @param url the address of a node, such as {@code http://search1:9200}
     * @param index the name searches and writes use: an alias of the index that a rebuild replaces
     * @param username with {@code password}, for HTTP basic authentication (none when blank)
     * @param password see {@code username}
     * @param timeout how long a request may take before search answers "unavailable" (a write is retried later)
     */
    record OpenSearch(URI url,
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,200}", message = "must be lower-case letters, digits, '-', '_' or '.'")
            @DefaultValue("minbar-articles") String index,
            String username, String password,
            @NotNull @DurationMin(millis = 1, message = "must be longer than 0") @DefaultValue("5s") Duration timeout) {

        @AssertTrue(message = "must be http://host:port or https://host:port")
        boolean isUrl() {
            return url == null || (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null);
        }
    }

    /** The URL is required only by the backend that uses it. */
    @AssertTrue(message = "url must be set when minbar.search.backend is opensearch (minbar.search.opensearch.url)")
    boolean isOpensearch() {
        return backend != Backend.OPENSEARCH || opensearch == null || opensearch.url() != null;
    }
}
