package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minbar.media.MediaService;
import org.minbar.support.Http;
import org.minbar.support.Session;
import org.minbar.system.RouteTable.Caller;
import org.minbar.system.RouteTable.Row;
import tools.jackson.databind.JsonNode;

/**
 * The demo site as the route suites see it: one login per role (so the login rate limit does not
 * matter), the ids and slugs the table's placeholders stand for, and the sending of a table row's
 * request as each caller.
 */
final class SeededSite {

    static final String ADMIN_PASSWORD = "test-admin-password-1";
    private static final Pattern PASSWORD_SHOWN = Pattern.compile("كلمة المرور \\(تظهر مرة واحدة\\): ([^\\s<]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)\\}");

    private final int port;
    private final MediaService media;
    private final HttpClient cookieless = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Caller, Session> sessions = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    SeededSite(int port, MediaService media) {
        this.port = port;
        this.media = media;
        Session admin = login("admin", ADMIN_PASSWORD);
        passwords.put("admin", ADMIN_PASSWORD);
        for (String[] account : new String[][] {{"matrix-writer", "WRITER"}, {"matrix-editor", "EDITOR"}, {"matrix-spare", "WRITER"}}) {
            admin.get("/newsroom/users");
            assertThat(admin.post("/newsroom/users", "username", account[0], "displayName", "حساب " + account[0], "role", account[1])
                    .statusCode()).isEqualTo(302);
            Matcher shown = PASSWORD_SHOWN.matcher(admin.get("/newsroom/users").body());
            assertThat(shown.find()).as("the new account's password is shown once").isTrue();
            passwords.put(account[0], shown.group(1));
        }
        Session anonymous = new Session(port);
        anonymous.get("/newsroom/login");
        sessions.put(Caller.ANONYMOUS, anonymous);
        sessions.put(Caller.WRITER, login("matrix-writer", passwords.get("matrix-writer")));
        sessions.put(Caller.EDITOR, login("matrix-editor", passwords.get("matrix-editor")));
        sessions.put(Caller.ADMIN, admin);
        sessions.put(Caller.ADMIN_WITHOUT_CSRF, admin);

        Http http = new Http(port);
        JsonNode article = http.json("/api/v1/articles?size=1").path("articles").get(0);
        values.put("article", article.path("id").asString());
        values.put("article-path", URI.create(article.path("url").asString()).getRawPath());
        values.put("section", http.json("/api/v1/sections").get(0).path("slug").asString());
        values.put("tag", firstOfPage(http.json("/api/v1/tags?size=1")).path("slug").asString());
        values.put("contributor", firstOfPage(http.json("/api/v1/contributors?size=1")).path("id").asString());
        values.put("draft", Long.toString(newDraft(Caller.WRITER)));
        values.put("others-draft", Long.toString(newDraft(Caller.ADMIN)));
        values.put("user", "matrix-spare");
        var picture = storePicture();
        values.put("media", Long.toString(picture.id()));
        values.put("media-file", picture.url());
        // Articles without a photo share a drawn card.
        for (JsonNode listed : http.json("/api/v1/articles?size=100").path("articles")) {
            Matcher card = Pattern.compile("/cards/\\d+-[0-9a-f]+\\.png").matcher(http.get(URI.create(listed.path("url").asString()).getRawPath()).body());
            if (card.find()) {
                values.put("card", card.group());
                break;
            }
        }
        assertThat(values).as("an article with a share card").containsKey("card");
        values.put("logo", find(http.get("/").body(), "/brand/logo-[0-9a-f]+\\.(?:svg|png)"));
        String newsroom = admin.get("/newsroom").body();
        values.put("css", find(newsroom, "/css/[^\"?#]+\\.css"));
        values.put("js", find(newsroom, "/js/[^\"?#]+\\.js"));
    }

    /** A paged API answer's first item, whatever the list's member is called. */
    private static JsonNode firstOfPage(JsonNode page) {
        for (var field : page.properties()) {
            if (field.getValue().isArray() && !field.getValue().isEmpty()) {
                return field.getValue().get(0);
            }
        }
        throw new AssertionError("an empty list: " + page);
    }

    private static String find(String page, String regex) {
        Matcher m = Pattern.compile(regex).matcher(page);
        assertThat(m.find()).as(regex + " on the page").isTrue();
        return m.group();
    }

    Session login(String username, String password) {
        Session session = new Session(port);
        HttpResponse<String> login = session.login(username, password);
        assertThat(login.statusCode()).as("login of " + username).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).as("login of " + username).endsWith("/newsroom");
        session.get("/newsroom");
        return session;
    }

    /** A new session of the caller's account, for a request that ends the session (logout). */
    Session freshSession(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> {
                Session anonymous = new Session(port);
                anonymous.get("/newsroom/login");
                yield anonymous;
            }
            case WRITER -> login("matrix-writer", passwords.get("matrix-writer"));
            case EDITOR -> login("matrix-editor", passwords.get("matrix-editor"));
            case ADMIN, ADMIN_WITHOUT_CSRF -> login("admin", ADMIN_PASSWORD);
        };
    }

    Session session(Caller caller) {
        return sessions.get(caller);
    }

    private long newDraft(Caller owner) {
        Session session = sessions.get(owner);
        session.get("/newsroom/articles/new");
        HttpResponse<String> created = session.post("/newsroom/articles", "title", "مسودة لجدول المسارات");
        assertThat(created.statusCode()).isEqualTo(302);
        Matcher id = Pattern.compile("/newsroom/articles/(\\d+)$").matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(session.get("/newsroom/articles/" + id.group(1)).body());
        assertThat(version.find()).as("the editor's version field").isTrue();
        values.put("new-draft-version", version.group(1));
        return Long.parseLong(id.group(1));
    }

    private org.minbar.media.MediaItem storePicture() {
        try (InputStream photo = SeededSite.class.getResourceAsStream("/media/photo-900x600.webp")) {
            return media.store(photo, "matrix-photo.webp", "admin");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row's path with its placeholders filled; {new-…} ones make a new thing for this request. */
    String path(Row row) {
        return fill(row.path(), row);
    }

    private String fill(String template, Row row) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "new-draft" -> Long.toString(newDraft(Caller.WRITER));
                case "new-media" -> Long.toString(storePicture().id());
                default -> {
                    String known = values.get(m.group(1));
                    if (known == null) {
                        throw new IllegalStateException("unknown placeholder {" + m.group(1) + "} in " + row);
                    }
                    yield known;
                }
            };
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return m.appendTail(path).toString();
    }

    /** A request ready to send: the parameters are kept percent-encoded, JSON members as JSON text. */
    static final class Call {
        final String method;
        String path;
        final Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> json;
        String file;
        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call copy() {
            Call copy = new Call(method, path);
            copy.params.putAll(params);
            copy.json = json == null ? null : new LinkedHashMap<>(json);
            copy.file = file;
            return copy;
        }
    }

    Call call(Row row) {
        Call call = new Call(row.method().equals("*") ? "GET" : row.method(), path(row));
        String body = fill(row.body(), row);
        if (body.startsWith("json:")) {
            call.json = new LinkedHashMap<>();
            for (var member : Http.parse(body.substring(5)).properties()) {
                call.json.put(member.getKey(), member.getValue().toString());
            }
        } else if (body.startsWith("file:")) {
            call.file = body.substring(5);
        } else if (!body.equals("-")) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                call.params.put(pair.substring(0, eq), encode(pair.substring(eq + 1)));
            }
        }
        return call;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<byte[]> send(Caller caller, Row row) {
        return send(caller, call(row), row.path().equals("/newsroom/logout"));
    }

    /** Sends the call as the caller would: a reader without cookies, a newsroom user with a session and its token. */
    HttpResponse<byte[]> send(Caller caller, Call call, boolean endsTheSession) {
        boolean unsafe = !call.method.equals("GET");
        Session session = caller == Caller.ANONYMOUS && !unsafe ? null
                : endsTheSession ? freshSession(caller) : sessions.get(caller);
        String token = caller.withCsrf() && session != null && unsafe ? session.csrfToken() : null;
        String form = String.join("&", call.params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        String uri = "http://localhost:" + port + call.path;
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        String contentType = null;
        if (!unsafe || call.file != null) {
            if (!form.isEmpty()) {
                uri += (call.path.contains("?") ? "&" : "?") + form;
            }
        }
        if (call.file != null) {
            String boundary = "----minbar-suites" + System.nanoTime();
            contentType = "multipart/form-data; boundary=" + boundary;
            publisher = HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, call.file));
            if (token != null) {
                uri += (uri.contains("?") ? "&" : "?") + "_csrf=" + encode(token);
            }
        } else if (call.json != null) {
            contentType = "application/json";
            publisher = HttpRequest.BodyPublishers.ofString("{" + String.join(",", call.json.entrySet().stream()
                    .map(e -> quote(e.getKey()) + ":" + e.getValue()).toList()) + "}");
            if (!form.isEmpty()) {
                uri += (call.path.contains("?") ? "&" : "?") + form;
            }
        } else if (unsafe) {
            contentType = "application/x-www-form-urlencoded";
            String withToken = token == null ? form : (form.isEmpty() ? "" : form + "&") + "_csrf=" + encode(token);
            publisher = HttpRequest.BodyPublishers.ofString(withToken);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .method(call.method, publisher)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) MinbarRouteSuites")
                .header("Accept", wantsJson(call) ? "application/json" : "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null && call.json != null) {
            request.header("X-CSRF-TOKEN", token);
        }
        try {
            if (session == null) {
                return cookieless.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            return session.sendBytes(request.build());
        } catch (IOException e) {
            throw new IllegalStateException(caller + " " + call.method + " " + call.path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean wantsJson(Call call) {
        return call.json != null || call.path.startsWith("/api/") && !call.path.endsWith(".yaml") || call.path.startsWith("/newsroom/api/")
                || call.path.startsWith("/newsroom/media.json");
    }

    private static byte[] multipart(String boundary, String resource) {
        try (InputStream file = SeededSite.class.getResourceAsStream("/" + resource)) {
            if (file == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.readAllBytes());
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer in the table's notation: the status, and {@code →login} for a redirect to the login page. */
    static String describe(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("");
            String path = URI.create(location).getPath();
            if (path != null && path.equals("/newsroom/login")) {
                return status + "→login";
            }
        }
        return Integer.toString(status);
    }
}
