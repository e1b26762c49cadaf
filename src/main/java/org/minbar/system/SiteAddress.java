package org.minbar.system;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Absolute URLs for output outside a request (command line, mail, feeds). */
@Component
public class SiteAddress {

    private final String configured;
    private volatile int port;

    /** {@code server.port} is Spring Boot's own setting: until the server has started (or without one), its value. */
    SiteAddress(SystemProperties properties, Environment environment) {
        this.configured = properties.site().baseUrl();
        this.port = environment.getProperty("server.port", Integer.class, 8080);
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    /** The public base URL: {@code minbar.site.base-url}, else this machine's address and port. */
    public String baseUrl() {
        return configured.isBlank() ? "http://localhost:" + port : configured;
    }

    public String absolute(String path) {
        return baseUrl() + path;
    }
}
