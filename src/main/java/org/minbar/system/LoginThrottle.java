package org.minbar.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Locks out password guessing: after {@code max-failures-per-account} failed logins for one
 * account, or {@code max-failures-per-address} from one address, further login attempts for it are
 * refused without checking the password until {@code lock-minutes} have passed since the last
 * failure. Counters live in memory (a restart forgets them; the per-address rate limit still holds).
 */
@Component
@Order(-101) // before Spring Security's filter chain (-100): a locked login never reaches the password check
class LoginThrottle extends OncePerRequestFilter {

    static final String LOGIN_PATH = "/newsroom/login";
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Cache<String, AtomicInteger> failures;
    private final AuditLog audit;

    LoginThrottle(SystemProperties properties, AuditLog audit) {
        this.maxPerAccount = properties.login().maxFailuresPerAccount();
        this.maxPerAddress = properties.login().maxFailuresPerAddress();
        this.audit = audit;
        this.failures = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(properties.login().lockMinutes()))
                .maximumSize(100_000).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && LOGIN_PATH.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = normalize(request.getParameter("username"));
        if (locked("account:" + username, maxPerAccount) || locked("address:" + request.getRemoteAddr(), maxPerAddress)) {
            log.warn("Login refused: too many failures for account '{}' or address {}", AuditLog.oneLine(username), request.getRemoteAddr());
            response.sendRedirect(request.getContextPath() + LOGIN_PATH + "?locked");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean locked(String key, int max) {
        AtomicInteger count = failures.getIfPresent(key);
        return count != null && count.get() >= max;
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = normalize(event.getAuthentication().getName());
        String address = address(event.getAuthentication().getDetails());
        failures.asMap().compute("account:" + username, (k, v) -> increment(v));
        if (address != null) {
            failures.asMap().compute("address:" + address, (k, v) -> increment(v));
        }
        audit.record(username, "login-failed", username, event.getException().getClass().getSimpleName(), address);
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        String username = normalize(event.getAuthentication().getName());
        failures.invalidate("account:" + username);
        audit.record(username, "login", username, null, address(event.getAuthentication().getDetails()));
    }

    private static AtomicInteger increment(AtomicInteger count) {
        // A new object each time, so that expire-after-write counts from the last failure.
        return new AtomicInteger(count == null ? 1 : count.get() + 1);
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
