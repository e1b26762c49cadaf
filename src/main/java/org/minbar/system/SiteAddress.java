package org.minbar.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Absolute URLs for output outside a request (command line, mail, feeds). */
@Component
public class SiteAddress {

    private final String configured;
    private volatile int port;

    SiteAddress(@Value("${minbar.site.base-url:}") String configured, @Value("${server.port:8080}") int port) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        this.port = port;
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
