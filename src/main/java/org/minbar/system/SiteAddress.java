package org.minbar.system;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The site's absolute URLs: the one place that turns a path into an address readers can follow. */
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

    /**
     * An absolute URL for a path on this site, from {@link #baseUrl()}: for output read away from a
     * request (feeds, sitemaps, mails, structured data, the command line). Absolute URLs, including
     * protocol-relative ones, are returned as they are.
     */
    public String absolute(String pathOrUrl) {
        return isPath(pathOrUrl) ? baseUrl() + pathOrUrl : pathOrUrl;
    }

    /**
     * An absolute URL for a path on this site as the reader of this request should see it
     * (canonical links, share tags, API links): {@code minbar.site.base-url}, else the address the
     * request came to. Outside a request, as {@link #absolute(String)}.
     */
    public String forRequest(String pathOrUrl) {
        if (!isPath(pathOrUrl)) {
            return pathOrUrl;
        }
        if (configured.isBlank() && RequestContextHolder.getRequestAttributes() != null) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + pathOrUrl;
        }
        return baseUrl() + pathOrUrl;
    }

    private static boolean isPath(String url) {
        return url.startsWith("/") && !url.startsWith("//");
    }
}
