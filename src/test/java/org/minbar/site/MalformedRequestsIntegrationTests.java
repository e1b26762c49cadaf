package org.minbar.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minbar.support.TestDatabases;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests that Tomcat refuses itself (invalid UTF-8 in the path, an encoded slash, an over-long
 * header) get the site's Arabic page with the security headers (reproduced: the page came without
 * Content-Security-Policy, X-Content-Type-Options and X-Frame-Options). Sent over a raw socket: the
 * JDK's client refuses to send such requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "minbar.demo.load-on-first-start=false")
class MalformedRequestsIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"GET /news/%ff%fe HTTP/1.1", "GET /news/1%2Fx HTTP/1.1", "GET / HTTP/1.1\r\nX-Long: LONG"})
    void tomcatsOwnRefusalsCarryTheSecurityHeaders(String requestLine) throws IOException {
        String answer = raw(requestLine.replace("LONG", "x".repeat(40_000)));
        int split = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).startsWith("http/1.1 400");
        assertThat(head).contains("content-security-policy: default-src 'none'", "x-content-type-options: nosniff",
                "x-frame-options: deny", "referrer-policy: strict-origin-when-cross-origin");
        assertThat(head).doesNotContain("server: apache", "tomcat");
        Document page = Jsoup.parse(answer.substring(split + 4));
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("ar");
        assertThat(page.text()).doesNotContainIgnoringCase("tomcat").doesNotContain("Bad Request");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((request + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
