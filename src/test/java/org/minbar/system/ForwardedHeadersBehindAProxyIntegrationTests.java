package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Behind a configured proxy (minbar.proxies), its X-Forwarded-For and X-Forwarded-Proto are honoured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "minbar.demo.load-on-first-start=false", "minbar.rate-limit.sign-ups-per-hour=2", "minbar.proxies=127.0.0.1,::1"})
class ForwardedHeadersBehindAProxyIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void eachForwardedClientHasItsOwnLimit() {
        assertThat(ForwardedHeaders.signUps(port, ForwardedHeaders.FIRST, 2)).containsOnly(200);
        assertThat(ForwardedHeaders.send(port, "POST", "/newsletter/subscribe", ForwardedHeaders.FIRST, null).statusCode()).isEqualTo(429);
        assertThat(ForwardedHeaders.signUps(port, ForwardedHeaders.SECOND, 2)).containsOnly(200);
        // A client cannot escape its limit by adding an address of its own in front: the proxy's
        // address is the last one, the client's the one before it.
        assertThat(ForwardedHeaders.send(port, "POST", "/newsletter/subscribe", "192.0.2.1, " + ForwardedHeaders.FIRST, null).statusCode())
                .isEqualTo(429);
    }

    @Test
    void httpsAtTheProxyGivesSecureCookiesAndHsts() {
        HttpResponse<String> login = ForwardedHeaders.send(port, "GET", "/newsroom/login", ForwardedHeaders.FIRST, "https");
        assertThat(ForwardedHeaders.sessionCookie(login)).containsIgnoringCase("; secure");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
        HttpResponse<String> plain = ForwardedHeaders.send(port, "GET", "/newsroom/login", ForwardedHeaders.FIRST, "http");
        assertThat(ForwardedHeaders.sessionCookie(plain)).doesNotContainIgnoringCase("secure");
    }
}
