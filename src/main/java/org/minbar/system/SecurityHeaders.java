package org.minbar.system;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers for answers that Spring Security's filters never see: requests Tomcat
 * refuses before the application (a malformed or over-long request line) and requests the
 * security firewall rejects (an encoded slash or NUL in the path). Everything else gets them from
 * {@code SecurityConfig}, with the same values.
 */
public final class SecurityHeaders {

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()";

    private SecurityHeaders() {
    }

    /** Adds each security header the response does not have yet. */
    public static void addMissing(HttpServletResponse response) {
        setIfMissing(response, "X-Content-Type-Options", "nosniff");
        setIfMissing(response, "X-Frame-Options", "DENY");
        setIfMissing(response, "Referrer-Policy", "strict-origin-when-cross-origin");
        setIfMissing(response, "Permissions-Policy", PERMISSIONS_POLICY);
        setIfMissing(response, "Cross-Origin-Opener-Policy", "same-origin");
        setIfMissing(response, "Content-Security-Policy", SecurityConfig.contentSecurityPolicy());
    }

    private static void setIfMissing(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
