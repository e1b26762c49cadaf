package org.minbar.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The route × role table, {@code src/test/resources/security/route-matrix.tsv}: one row per request
 * the suites send, with what each caller must get back. The file's header explains the columns.
 */
record RouteTable(List<Row> rows) {

    static final String RESOURCE = "/security/route-matrix.tsv";

    /** Who sends the request: the columns of the table, in order. */
    enum Caller {
        ANONYMOUS, WRITER, EDITOR, ADMIN, ADMIN_WITHOUT_CSRF;

        boolean withCsrf() {
            return this != ADMIN_WITHOUT_CSRF;
        }
    }

    /**
     * One row. {@code pattern} is null for a path outside Spring MVC; {@code expected} holds one
     * answer per {@link Caller} ({@code -}: not asked).
     */
    record Row(int line, String method, String pattern, String path, String body, List<String> expected) {

        String expected(Caller caller) {
            return expected.get(caller.ordinal());
        }

        /** The method and pattern as a Spring MVC mapping names them, such as {@code GET /tag/{slug}}. */
        String mapping() {
            return method + " " + pattern;
        }

        boolean safe() {
            return method.equals("GET") || method.equals("*");
        }

        /** A route that anyone may call: hostile input goes to it as an anonymous reader would send it. */
        boolean isPublic() {
            return !expected(Caller.ANONYMOUS).startsWith("302→login") && !expected(Caller.ANONYMOUS).equals("401");
        }

        @Override
        public String toString() {
            return method + " " + path + (body.equals("-") ? "" : " " + body) + " (line " + line + ")";
        }

        String asLine(List<String> answers) {
            return String.join("\t", method, pattern == null ? "-" : pattern, path, body) + "\t" + String.join("\t", answers);
        }
    }

    static RouteTable load() {
        try (InputStream in = RouteTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            List<Row> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = lines[i].split("\t");
                if (cells.length != 9) {
                    throw new IllegalStateException(RESOURCE + " line " + (i + 1) + " has " + cells.length + " columns, not 9: " + line);
                }
                rows.add(new Row(i + 1, cells[0].strip(), cells[1].strip().equals("-") ? null : cells[1].strip(), cells[2].strip(),
                        cells[3].strip(), List.of(cells[4].strip(), cells[5].strip(), cells[6].strip(), cells[7].strip(),
                                cells[8].strip())));
            }
            return new RouteTable(List.copyOf(rows));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
