package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** OpenSearch is away: the site starts and serves, search answers 503 with the Arabic message, as for an unusable Lucene index. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenSearchOutageIntegrationTests {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.useH2(registry);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        int port = closedPort;
        registry.add("minbar.search.backend", () -> "opensearch");
        registry.add("minbar.search.opensearch.url", () -> "http://127.0.0.1:" + port);
        registry.add("minbar.search.opensearch.timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    SearchService search;

    @Test
    void searchAnswersUnavailableWhilePagesServe() {
        Http http = new Http(port);
        assertThat(search.available()).isFalse();
        HttpResponse<String> api = http.get("/api/v1/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86");
        assertThat(api.statusCode()).isEqualTo(503);
        HttpResponse<String> page = http.get("/search?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86");
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains(SearchUnavailableException.ARABIC_MESSAGE);
        assertThat(http.get("/").statusCode()).isEqualTo(200);
        // A load balancer takes the node out: readiness is DOWN while OpenSearch cannot answer.
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("DOWN");
    }
}
