package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.minbar.system.RouteTable.Caller;
import org.minbar.system.RouteTable.Row;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Route × role matrix: every route (the Spring MVC mappings, so a new route cannot be forgotten,
 * plus static files, media, login, logout and actuator) as an anonymous reader, a writer, an
 * editor and an admin, and as an admin without the CSRF token, over real HTTP, compared with
 * {@code src/test/resources/security/route-matrix.tsv}.
 */
class RouteMatrixIntegrationTests extends RouteSuite {

    /**
     * Cases that differ from the table only because of a finding the "harden" branch fixes: each
     * is expected to differ until then (the test fails when one already matches, so that it is
     * taken out). Key: the row as {@link Row#toString} names it without its line, then the caller.
     */
    static final Map<String, String> PENDING_HARDEN_FIXES = Map.of();

    @Test
    void everySpringMvcMappingIsInTheTableAndEveryTableMappingExists() {
        Set<String> registered = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    registered.add("* " + pattern);
                }
                for (RequestMethod method : methods) {
                    registered.add(method.name() + " " + pattern);
                }
            }
        }
        Set<String> inTable = new TreeSet<>();
        TABLE.rows().stream().filter(row -> row.pattern() != null).forEach(row -> inTable.add(row.mapping()));
        assertThat(registered.stream().filter(mapping -> !inTable.contains(mapping)).toList())
                .as("routes missing from " + RouteTable.RESOURCE + ": add a row with the answers each caller must get").isEmpty();
        assertThat(inTable.stream().filter(mapping -> !registered.contains(mapping)).toList())
                .as("rows of " + RouteTable.RESOURCE + " naming a mapping that no longer exists").isEmpty();
    }

    @Test
    void everyRouteAnswersEachCallerAsTheTableSays() {
        SeededSite site = site();
        List<String> differences = new ArrayList<>();
        List<String> pendingFixed = new ArrayList<>();
        // Logout ends a session: it runs last (with sessions of its own anyway).
        List<Row> rows = TABLE.rows().stream()
                .sorted(Comparator.comparing(row -> row.path().equals("/newsroom/logout"))).toList();
        for (Row row : rows) {
            List<String> observed = new ArrayList<>();
            boolean differs = false;
            for (Caller caller : Caller.values()) {
                String expected = row.expected(caller);
                if (expected.equals("-")) {
                    observed.add("-");
                    continue;
                }
                String answer = SeededSite.describe(site.send(caller, row));
                if (caller == Caller.ANONYMOUS && row.safe() && answer.equals(expected)) {
                    // The second reader may get the page cache's copy, served before the security filters.
                    answer = SeededSite.describe(site.send(caller, row));
                }
                observed.add(answer);
                String key = row.toString().replaceAll(" \\(line \\d+\\)$", "") + " " + caller.name().toLowerCase();
                if (PENDING_HARDEN_FIXES.containsKey(key)) {
                    if (answer.equals(expected)) {
                        pendingFixed.add(key + " (" + PENDING_HARDEN_FIXES.get(key) + ") now answers " + answer
                                + ": take it out of PENDING_HARDEN_FIXES");
                    }
                } else if (!answer.equals(expected)) {
                    differs = true;
                    differences.add(row + " as " + caller + ": expected " + expected + ", got " + answer);
                }
            }
            if (differs) {
                differences.add("  observed: " + row.asLine(observed));
            }
        }
        assertThat(pendingFixed).as("pending cases that now pass").isEmpty();
        assertThat(differences).as("answers that differ from " + RouteTable.RESOURCE).isEmpty();
    }
}
