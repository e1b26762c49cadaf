package org.minbar.system;

import org.minbar.media.MediaService;
import org.minbar.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What the route suites share: one running demo site (one application context for both suites),
 * its Spring MVC mappings and one {@link SeededSite} with a login per role.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"minbar.demo.load-on-first-start=true",
                // Each role logs in once, but the suites also send wrong logins and hostile login names.
                "minbar.rate-limit.logins-per-minute=100000", "minbar.login.max-failures-per-address=100000",
                "minbar.login.max-failures-per-account=100000"})
abstract class RouteSuite {

    private static SeededSite site;
    private static int sitePort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MediaService media;

    static final RouteTable TABLE = RouteTable.load();

    /** The seeded site of this application context (made once: one login per role). */
    synchronized SeededSite site() {
        if (site == null || sitePort != port) {
            site = new SeededSite(port, media);
            sitePort = port;
        }
        return site;
    }
}
