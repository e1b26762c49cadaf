package org.minbar.site;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The headers a page's rendering set (the security headers, its surrogate keys), kept with the page
 * so that serving it, before the security filter chain, sends the same ones. Not kept: what belongs to
 * one answer (length, date, encoding, cookies) and what the page cache sets itself (caching, ETag).
 */
final class RecordedHeaders {

    private static final Set<String> NOT_KEPT = Set.of("set-cookie", "content-type", "content-length", "content-encoding",
            "transfer-encoding", "connection", "date", "etag", "vary", "cache-control", "pragma", "expires");

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static boolean kept(String name) {
        return name != null && !NOT_KEPT.contains(name.toLowerCase(Locale.ROOT));
    }

    void set(String name, String value) {
        if (kept(name) && value != null) {
            List<String> values = new ArrayList<>(1);
            values.add(value);
            headers.put(name, values);
        }
    }

    void add(String name, String value) {
        if (kept(name) && value != null) {
            headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
    }

    /** A date header as HTTP writes it (RFC 9110 IMF-fixdate). */
    static String httpDate(long millis) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneOffset.UTC));
    }

    String first(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The recorded headers as name and value pairs, in a form that is cheap to send many times. */
    List<String[]> pairs() {
        List<String[]> pairs = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> pairs.add(new String[] {name, value})));
        return List.copyOf(pairs);
    }

    /**
     * Sends recorded pairs: the first value of a name replaces what the response has, the others are
     * added; {@code fresh}: the response has no headers yet, all are added (no search for one to replace).
     */
    static void send(List<String[]> pairs, HttpServletResponse response, boolean fresh) {
        String previous = null;
        for (String[] pair : pairs) {
            if (fresh || pair[0].equalsIgnoreCase(previous)) {
                response.addHeader(pair[0], pair[1]);
            } else {
                response.setHeader(pair[0], pair[1]);
            }
            previous = pair[0];
        }
    }
}
