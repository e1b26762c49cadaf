package org.minbar.system;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Security headers and CSRF for the whole site; form login for the newsroom (accounts are the
 * newsroom's {@code UserDetailsService}), with session fixation protection and a working logout.
 */
@Configuration
@EnableMethodSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

    /** The policy; {@code %s}: the hash of the one inline stylesheet reader pages carry (nothing else inline runs). */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https:; "
            + "style-src 'self' %s; script-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    static String contentSecurityPolicy() {
        return CONTENT_SECURITY_POLICY.formatted(StaticAssets.inlineStyleSource());
    }

    private static boolean isLoopback(String address) {
        return "127.0.0.1".equals(address) || "0:0:0:0:0:0:0:1".equals(address) || "::1".equals(address);
    }

    /**
     * A request the firewall rejects (an encoded slash, a NUL, {@code ..} in the path) is refused
     * before the filters that write the security headers: it gets them here, then the Arabic 400
     * page from {@code /error}.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            SecurityHeaders.addMissing(response);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        };
    }

    /** A Prometheus scrape: with the configured bearer token, or from this machine and not through a proxy. */
    static boolean mayScrape(jakarta.servlet.http.HttpServletRequest request, String token) {
        if (token != null && !token.isBlank()) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && java.security.MessageDigest.isEqual(
                    authorization.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ("Bearer " + token).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return true;
            }
        }
        // Behind nginx on the same machine every client is local: a forwarded request is not.
        return isLoopback(request.getRemoteAddr()) && request.getHeader("X-Forwarded-For") == null
                && request.getHeader("Forwarded") == null;
    }

    @Bean
    SecurityFilterChain siteSecurity(HttpSecurity http, SystemProperties properties) throws Exception {
        String metricsToken = properties.metrics().token();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(request -> request.getRequestURI().equals("/actuator/prometheus")
                                && mayScrape(request, metricsToken)).permitAll()
                        // Metrics (connection-pool waits, for bench/load.sh) only for a client on this machine, and
                        // only where the endpoint is exposed at all: by default it is not (see README, Operations).
                        .requestMatchers(request -> request.getRequestURI().startsWith("/actuator/metrics")
                                && isLoopback(request.getRemoteAddr())).permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .requestMatchers("/newsroom/login").permitAll()
                        .requestMatchers("/newsroom/**").authenticated()
                        .anyRequest().permitAll())
                // The command endpoint authenticates with its token file; the newsletter sign-up is
                // anonymous, changes nothing but a pending address, and sits on cached pages that
                // cannot carry a per-reader token (the address is confirmed by mail). The newsletter's
                // confirm, unsubscribe and preferences forms carry the subscriber's secret token, which
                // a forged request cannot know, and mail clients' one-click unsubscribe (RFC 8058) posts
                // without any page.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/internal/commands/**", "/newsletter/subscribe",
                        "/newsletter/confirm", "/newsletter/unsubscribe", "/newsletter/preferences"))
                .formLogin(form -> form
                        .loginPage("/newsroom/login")
                        .loginProcessingUrl("/newsroom/login")
                        .defaultSuccessUrl("/newsroom", false)
                        .failureUrl("/newsroom/login?error")
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/newsroom/logout")
                        .logoutSuccessUrl("/newsroom/login?logout")
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                // The newsroom's JSON API answers a missing login with 401 problem details, not the login page.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> Problems.write(response, Problems.problem(
                                org.springframework.http.HttpStatus.UNAUTHORIZED, null, request.getRequestURI())),
                        request -> request.getRequestURI().startsWith("/newsroom/api/")))
                .httpBasic(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        // Written per response: the inline stylesheet's hash is known once the web context is up.
                        .addHeaderWriter((request, response) -> {
                            if (!response.containsHeader("Content-Security-Policy")) {
                                response.setHeader("Content-Security-Policy", contentSecurityPolicy());
                            }
                        })
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

}
