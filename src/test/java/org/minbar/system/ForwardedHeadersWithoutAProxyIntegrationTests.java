package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no proxy configured (the default), X-Forwarded-For and X-Forwarded-Proto are ignored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.rate-limit.sign-ups-per-hour=2"})
class ForwardedHeadersWithoutAProxyIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void forwardedForIsIgnoredSoEveryClaimedAddressSharesTheConnectionsLimit() {
        assertThat(ForwardedHeaders.signUps(port, ForwardedHeaders.FIRST, 2)).containsOnly(200);
        assertThat(ForwardedHeaders.send(port, "POST", "/newsletter/subscribe", ForwardedHeaders.SECOND, null).statusCode()).isEqualTo(429);
    }

    @Test
    void forwardedProtoDoesNotMakeThePlainConnectionSecure() {
        HttpResponse<String> login = ForwardedHeaders.send(port, "GET", "/newsroom/login", null, "https");
        assertThat(ForwardedHeaders.sessionCookie(login)).doesNotContainIgnoringCase("secure");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
}
