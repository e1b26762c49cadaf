package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.rate-limit.sign-ups-per-hour=3", "minbar.rate-limit.searches-per-minute=5",
    "minbar.rate-limit.logins-per-minute=3"})
class RateLimitIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void limitsNewsletterSignUpsPerAddressWithAnArabicPage() {
        Http http = new Http(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.postForm("/newsletter/subscribe", "email", "reader" + i + "@example.org").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = http.postForm("/newsletter/subscribe", "email", "reader9@example.org");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(Jsoup.parse(refused.body()).selectFirst("h1").text()).isEqualTo("طلبات كثيرة");
        assertThat(http.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void limitsSearchesPerAddressWithJsonUnderTheApi() {
        Http http = new Http(port);
        int ok = 0;
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = http.get("/api/v1/search?q=x" + i);
            if (last.statusCode() == 200) {
                ok++;
            } else if (last.statusCode() == 429) {
                refused++;
            }
        }
        assertThat(ok).isEqualTo(5);
        assertThat(refused).isEqualTo(3);
        assertThat(last.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Http.parse(last.body()).get("status").asInt()).isEqualTo(429);
        assertThat(Http.parse(last.body()).get("detail").asString()).contains("Retry-After");
    }

    @Test
    void limitsLoginAttemptsPerAddressBeforeTheSecurityChainTakesThem() {
        Http http = new Http(port);
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(http.postForm("/newsroom/login", "username", "nobody" + i, "password", "wrong").statusCode());
        }
        assertThat(statuses.subList(0, 3)).doesNotContain(429);
        assertThat(statuses.subList(3, 5)).containsOnly(429);
    }
}
