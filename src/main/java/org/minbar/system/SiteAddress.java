package org.minbar.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
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
        if (configured.isBlank() && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                && hostOfThisMachine(current.getRequest())) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + pathOrUrl;
        }
        return baseUrl() + pathOrUrl;
    }

    /**
     * Whether the request's Host names this machine (localhost, or the address the connection came
     * in on), so that it can be followed without a configured base URL. Any other Host is the
     * client's choice: it would set canonical and og:url, and through the page cache every reader's
     * copy, so those requests get {@link #baseUrl()} instead.
     */
    private static boolean hostOfThisMachine(HttpServletRequest request) {
        String host = request.getServerName();
        if (host == null) {
            return false;
        }
        host = host.replaceAll("^\\[|]$", "");
        String local = request.getLocalAddr();
        return host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("::1")
                || (local != null && (host.equals(local) || normalizeIpv6(host).equals(normalizeIpv6(local))));
    }

    private static String normalizeIpv6(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            return java.net.InetAddress.getByName(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    private static boolean isPath(String url) {
        return url.startsWith("/") && !url.startsWith("//");
    }
}
