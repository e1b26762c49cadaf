package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minbar.system.RouteTable.Caller;
import org.minbar.system.RouteTable.Row;
import org.minbar.system.SeededSite.Call;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input: every parameter of every route in the route table (its path variables, the
 * query and form parameters of its handler method, the fields of the newsroom's forms, the members
 * of the JSON bodies) gets oversized, malformed, control-character, bidi, SQL and markup values;
 * and raw requests the JDK's client refuses to send go over a socket. Whatever comes in: no 5xx,
 * no English container page, no stack trace or exception class name, the security headers, markup
 * never reflected unescaped, no redirect or link to another site, and no ERROR in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIntegrationTests extends RouteSuite {

    /**
     * Cases that fail only because of a finding the "harden" branch fixes; each must still fail
     * until then (the test says when one passes, so that it is taken out). Key: the case's name as
     * the failure lists it; value: the finding.
     */
    static final Map<String, String> PENDING_HARDEN_FIXES = Map.of();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String XSS = "alert('minbar-xss')";
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(?m)^\\s*at [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\b[a-z][\\w]*(\\.[a-z][\\w]*)+\\.[A-Z]\\w*(Exception|Error)\\b"
                    + "|\\b\\w+Exception\\b|SQL statement|JdbcSQL");
    /**
     * Where a page sends the browser: links and forms. (Not pictures: an editor may take a lead
     * image from any https address, as the Content-Security-Policy allows.)
     */
    private static final Pattern LINK = Pattern.compile("\\b(href|action|formaction)=\"([^\"]*)\"");
    private static final Pattern OFF_SITE = Pattern.compile("^\\s*(?:[a-z]+:)?[/\\\\]{2}\\s*evil\\.example|^\\s*[/\\\\]{2}evil",
            Pattern.CASE_INSENSITIVE);

    /** An address a hostile value made point to another site (evil.example, the payloads' host). */
    static boolean offSite(String address) {
        return OFF_SITE.matcher(address).find() || address.contains("0;url=//") || address.matches("(?i).*url=\\s*https?://evil.*");
    }
    private static final List<String> CONTAINER_PAGES = List.of("HTTP Status ", "Apache Tomcat", "Whitelabel Error Page");

    /** A hostile value: as it goes into a URL or form body (percent-encoded), and as a JSON value. */
    record Payload(String name, String encoded, String json) {

        static Payload of(String name, String text) {
            return new Payload(name, SeededSite.encode(text), JSON.writeValueAsString(text));
        }
    }

    static final List<Payload> PAYLOADS = List.of(
            Payload.of("oversized", "ع".repeat(51_200)), // 100 KB of UTF-8
            new Payload("malformed UTF-8", "%FF%FE%C0%AFx", "\"\\x\""),
            new Payload("NUL", "a%00b", "\"a\\u0000b\""),
            new Payload("lone surrogate", "%ED%A0%80x", "\"\\uD800x\""),
            Payload.of("control characters", "a\u0001\u0007\u001b[31m\r\nX-Injected: yes\u007f\u0085"),
            Payload.of("bidi", "\u202Eبدل\u2066abc\u2069\u202A\u200F"),
            Payload.of("SQL", "' OR 1=1-- \"; DROP TABLE article; --"),
            Payload.of("script", "<script>" + XSS + "</script>"),
            Payload.of("attribute break-out", "\"><svg onload=" + XSS + ">"),
            Payload.of("number overflow", "99999999999999999999999"),
            Payload.of("protocol-relative address", "//evil.example/"),
            Payload.of("backslash address", "/\\evil.example/"),
            Payload.of("absolute address", "https://evil.example/"));

    /** Names a handler takes through a {@code Map} of request parameters (the reader's search page). */
    private static final Map<String, List<String>> MAP_PARAMETERS = Map.of("/search",
            List.of("q", "section", "tag", "from", "to", "sort", "page", "after"));

    /** Rows whose baseline is sent again after each hostile request, so the site stays itself. */
    private static final Set<String> RESTORED = Set.of("/newsroom/settings");

    @Test
    void everyParameterOfEveryRouteSurvivesHostileValues(CapturedOutput output) {
        SeededSite site = site();
        List<String> failures = new ArrayList<>();
        List<String> pendingFixed = new ArrayList<>();
        int sent = 0;
        for (Row row : TABLE.rows()) {
            if (row.path().equals("/newsroom/logout")) {
                continue; // it would end the admin's session; it takes no parameters
            }
            Caller caller = row.isPublic() ? Caller.ANONYMOUS : Caller.ADMIN;
            Call baseline = site.call(row);
            for (String parameter : parameters(row, baseline)) {
                for (Payload payload : PAYLOADS) {
                    Call call = hostile(row, site.call(row), parameter, payload);
                    if (call == null) {
                        continue;
                    }
                    String name = row.method() + " " + row.path() + " " + parameter + "=" + payload.name();
                    List<String> problems;
                    try {
                        problems = problems(site.send(caller, call, false));
                    } catch (IllegalStateException e) {
                        problems = List.of("no answer: " + e.getMessage());
                    }
                    sent++;
                    record(name, problems, failures, pendingFixed);
                    if (RESTORED.contains(row.path()) && !row.safe()) {
                        site.send(caller, site.call(row), false);
                    }
                }
            }
        }
        assertThat(sent).as("hostile requests sent").isGreaterThan(1000);
        assertThat(pendingFixed).as("pending cases that now pass: take them out of PENDING_HARDEN_FIXES").isEmpty();
        assertThat(failures).as("hostile requests answered badly").isEmpty();
        // Bad input is the client's mistake: it may be logged, never as the server's error.
        assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ")).map(line -> line.length() > 300
                ? line.substring(0, 300) : line).distinct().toList()).as("errors logged for hostile input").isEmpty();
    }

    private static void record(String name, List<String> problems, List<String> failures, List<String> pendingFixed) {
        if (PENDING_HARDEN_FIXES.containsKey(name)) {
            if (problems.isEmpty()) {
                pendingFixed.add(name + " (" + PENDING_HARDEN_FIXES.get(name) + ")");
            }
        } else if (!problems.isEmpty()) {
            failures.add(name + ": " + String.join("; ", problems));
        }
    }

    /** The row's parameters: path variables, then the handler's and the table's query, form and JSON names. */
    private Set<String> parameters(Row row, Call baseline) {
        Set<String> names = new LinkedHashSet<>();
        if (row.pattern() != null) {
            String[] segments = row.pattern().split("/");
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].contains("{")) {
                    names.add("path:" + i);
                }
            }
        }
        names.addAll(baseline.params.keySet());
        if (baseline.json != null) {
            baseline.json.keySet().forEach(member -> names.add("json:" + member));
        }
        handler(row).ifPresent(handler -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                Class<?> type = parameter.getParameterType();
                RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
                if (requestParam != null && !MultipartFile.class.isAssignableFrom(type)) {
                    if (Map.class.isAssignableFrom(type)) {
                        names.addAll(MAP_PARAMETERS.getOrDefault(row.pattern(), List.of()));
                    } else {
                        names.add(!requestParam.name().isEmpty() ? requestParam.name()
                                : !requestParam.value().isEmpty() ? requestParam.value() : parameter.getParameterName());
                    }
                } else if (type.isRecord() && parameter.hasParameterAnnotation(RequestBody.class)) {
                    for (RecordComponent component : type.getRecordComponents()) {
                        names.add("json:" + component.getName());
                    }
                } else if (type.isRecord() && (parameter.hasParameterAnnotation(ModelAttribute.class)
                        || !type.getPackageName().startsWith("java"))) {
                    for (RecordComponent component : type.getRecordComponents()) {
                        names.add(component.getName());
                    }
                }
            }
        });
        return names;
    }

    private Optional<HandlerMethod> handler(Row row) {
        if (row.pattern() == null) {
            return Optional.empty();
        }
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            boolean method = row.method().equals("*") ? info.getMethodsCondition().getMethods().isEmpty()
                    : info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals(row.method()));
            if (method && info.getPatternValues().contains(row.pattern())) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** The call with one parameter replaced by the payload; null when the payload cannot go there. */
    private static Call hostile(Row row, Call call, String parameter, Payload payload) {
        if (parameter.startsWith("path:")) {
            int index = Integer.parseInt(parameter.substring(5));
            String query = call.path.contains("?") ? call.path.substring(call.path.indexOf('?')) : "";
            String[] segments = call.path.substring(0, call.path.length() - query.length()).split("/", -1);
            if (index >= segments.length) {
                return null;
            }
            // A slash would make another route of it: the value goes in encoded as it is.
            segments[index] = payload.encoded().replace("%2F", "%252F");
            call.path = String.join("/", segments) + query;
        } else if (parameter.startsWith("json:")) {
            if (call.json == null) {
                call.json = new LinkedHashMap<>();
            }
            call.json.put(parameter.substring(5), payload.json());
        } else {
            call.params.put(parameter, payload.encoded());
        }
        return call;
    }

    /** What is wrong with an answer to hostile input (nothing, for a good one). */
    static List<String> problems(HttpResponse<byte[]> response) {
        List<String> problems = new ArrayList<>();
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = type.startsWith("image/") ? "" : new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
            problems.add("status " + status);
        }
        checkBody(status, type, body, problems);
        response.headers().firstValue("Location").filter(HostileInputIntegrationTests::offSite)
                .ifPresent(location -> problems.add("a redirect off the site: " + location));
        if (!response.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")) {
            problems.add("no X-Content-Type-Options: nosniff");
        }
        if (response.headers().firstValue("X-Frame-Options").isEmpty()) {
            problems.add("no X-Frame-Options");
        }
        if (type.startsWith("text/html") && response.headers().firstValue("Content-Security-Policy").isEmpty()) {
            problems.add("an HTML answer without Content-Security-Policy");
        }
        return problems;
    }

    private static void checkBody(int status, String type, String body, List<String> problems) {
        for (String page : CONTAINER_PAGES) {
            if (body.contains(page)) {
                problems.add("the container's English page (" + page.strip() + ")");
            }
        }
        var trace = STACK_TRACE.matcher(body);
        if (trace.find()) {
            problems.add("an exception or stack trace in the body: «" + trace.group() + "»");
        }
        boolean html = type.startsWith("text/html") || type.isEmpty() && body.contains("<");
        if (html && (body.contains("<script>" + XSS) || body.contains("<svg onload=" + XSS))) {
            problems.add("markup reflected unescaped");
        }
        if (html) {
            var link = LINK.matcher(body);
            while (link.find()) {
                if (offSite(link.group(2).replace("&#x2F;", "/").replace("&#47;", "/"))) {
                    problems.add("a link off the site: " + link.group());
                    break;
                }
            }
        }
        if (type.startsWith("text/html") && status >= 400 && !body.contains("lang=\"ar\"")) {
            problems.add("an error page that is not the site's Arabic one");
        }
    }

    // ---------------------------------------------------------------- raw requests

    /** Requests the JDK's HTTP client will not send: raw bytes, malformed escapes, huge headers. */
    static final Map<String, byte[]> RAW_REQUESTS = rawRequests();

    private static Map<String, byte[]> rawRequests() {
        Map<String, byte[]> requests = new LinkedHashMap<>();
        String headers = "Host: localhost\r\nAccept: text/html\r\nConnection: close\r\n";
        for (String target : List.of("/news/%C0%AF", "/tag/%FF%FE", "/section/%ED%A0%80", "/search?q=%ZZ", "/search?q=%E0%A4",
                "/search?q=abc%", "/tag/a%2Fb", "/section/%00", "/api/v1/tags/%FF", "/newsroom/login?error=%C0")) {
            requests.put("GET " + target, ("GET " + target + " HTTP/1.1\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        requests.put("GET with raw bytes 0xFF 0xFE in the path", concat("GET /tag/".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xFF, (byte) 0xFE}, (" HTTP/1.1\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        requests.put("GET with raw markup in the query", ("GET /search?q=\"><svg onload=" + XSS + "> HTTP/1.1\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        requests.put("GET with a control character in the path", ("GET /tag/a\u0001b HTTP/1.1\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        requests.put("GET with a 100 KB path", ("GET /tag/" + "a".repeat(100 * 1024) + " HTTP/1.1\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        requests.put("GET with a 40 KB header", ("GET / HTTP/1.1\r\n" + headers + "X-Padding: " + "a".repeat(40 * 1024) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        requests.put("GET with a control character in a header", ("GET / HTTP/1.1\r\n" + headers + "X-Odd: a\u0001b\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        requests.put("GET with a malformed request line", ("GET /search?q=a b c HTTP/1.1\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        requests.put("GET with a hostile Host header", ("GET /newsletter HTTP/1.1\r\nHost: \"><svg onload=" + XSS
                + ">\r\nAccept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (String page : List.of("/", "/newsletter", "/no-such-page", "/api/v1/articles?size=1")) {
            requests.put("GET " + page + " with Host: evil.example", ("GET " + page + " HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        requests.put("POST a form with invalid UTF-8", ("POST /newsletter/subscribe HTTP/1.1\r\n" + headers
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\n\r\nemail=%FF%FE%C0").getBytes(StandardCharsets.ISO_8859_1));
        return requests;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void rawMalformedRequestsGetTheSitesAnswerNotTheContainers() throws IOException {
        List<String> failures = new ArrayList<>();
        List<String> pendingFixed = new ArrayList<>();
        for (Map.Entry<String, byte[]> request : RAW_REQUESTS.entrySet()) {
            String answer = rawExchange(request.getValue());
            List<String> problems = new ArrayList<>();
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String body = end < 0 ? "" : answer.substring(end + 4);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
            if (status < 0 || status >= 500) {
                problems.add("status line «" + head.split("\r\n", 2)[0] + "»");
            }
            String type = header(head, "Content-Type");
            checkBody(status, type, body, problems);
            if (offSite(header(head, "Location")) || header(head, "Location").contains("evil.example")
                    || header(head, "Link").contains("evil.example")) {
                problems.add("a header pointing off the site: " + header(head, "Location") + header(head, "Link"));
            }
            record("raw " + request.getKey(), problems, failures, pendingFixed);
        }
        assertThat(pendingFixed).as("pending cases that now pass: take them out of PENDING_HARDEN_FIXES").isEmpty();
        assertThat(failures).as("raw requests answered badly").isEmpty();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    private String rawExchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading a huge request to its end.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // A reset after the answer: keep what arrived.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
