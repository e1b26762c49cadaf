package org.minbar.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies named in
 * {@code minbar.proxies}: without one a client cannot pick its own address (and so escape or
 * spread the per-address limits) nor claim https; behind one, each forwarded client has its own
 * limits, and a request that reached the proxy over https gets Secure cookies and HSTS.
 */
final class ForwardedHeaders {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String FIRST = "203.0.113.7";
    static final String SECOND = "198.51.100.20";

    static HttpResponse<String> send(int port, String method, String path, String forwardedFor, String proto) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (proto != null) {
            request.header("X-Forwarded-Proto", proto);
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=r" + System.nanoTime() + "%40example.org"));
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Integer> signUps(int port, String forwardedFor, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> send(port, "POST", "/newsletter/subscribe", forwardedFor, null).statusCode()).toList();
    }

    static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
    }
}
