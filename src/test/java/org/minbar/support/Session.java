package org.minbar.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP session against the running application: keeps cookies, reads the CSRF token
 * from the pages it gets, and sends it with forms and JSON like the newsroom's pages do.
 */
public final class Session {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String csrf;

    public Session(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Logs in through the login form; returns the answer (302 to /newsroom on success). */
    public HttpResponse<String> login(String username, String password) {
        get("/newsroom/login");
        return post("/newsroom/login", "username", username, "password", password);
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,application/xhtml+xml").GET().build());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** The CSRF token read from the last page that carried one (null before any). */
    public String csrfToken() {
        return csrf;
    }

    /** A form post with the session's CSRF token. */
    public HttpResponse<String> post(String path, String... namesAndValues) {
        String[] withToken = new String[namesAndValues.length + 2];
        System.arraycopy(namesAndValues, 0, withToken, 0, namesAndValues.length);
        withToken[namesAndValues.length] = "_csrf";
        withToken[namesAndValues.length + 1] = csrf == null ? "" : csrf;
        return postWithoutToken(path, withToken);
    }

    /** A form post exactly as given (no CSRF token added). */
    public HttpResponse<String> postWithoutToken(String path, String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
    }

    /** JSON with the CSRF token in the X-CSRF-TOKEN header, as the editor's script sends it. */
    public HttpResponse<String> json(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request.build());
    }

    /** Like {@link #send}, for answers that may not be text (pictures). */
    public HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request built by the caller (such as a multipart upload) with the session's cookies. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
