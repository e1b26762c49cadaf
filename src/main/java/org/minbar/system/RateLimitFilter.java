package org.minbar.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-address limits on what is costly or abusable: newsletter sign-ups and searches. Over the
 * limit a client gets 429 with Retry-After (through /error: an Arabic page, or problem details for
 * JSON endpoints, see {@link Problems}).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
// Before Spring Security's chain (-100), which answers POST /newsroom/login itself, and before the page
// cache (-102); for any other request it is one path comparison.
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 3)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final int signUpsPerHour;
    private final int searchesPerMinute;
    private final int loginsPerMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(2)).build();

    RateLimitFilter(SystemProperties properties) {
        this.loginsPerMinute = properties.rateLimit().loginsPerMinute();
        this.signUpsPerHour = properties.rateLimit().signUpsPerHour();
        this.searchesPerMinute = properties.rateLimit().searchesPerMinute();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String group = group(request);
        if (group != null) {
            Bucket bucket = buckets.get(group + "|" + request.getRemoteAddr(), key -> newBucket(group));
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
                log.info("Rate limit '{}' reached for {}", group, request.getRemoteAddr());
                response.setHeader("Retry-After", Long.toString(seconds));
                response.sendError(429);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String group(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.equals("/newsletter/subscribe") && request.getMethod().equals("POST")) {
            return "sign-up";
        }
        if (path.equals("/newsroom/login") && request.getMethod().equals("POST")) {
            return "login";
        }
        if (path.equals("/search") || path.startsWith("/api/v1/search")) {
            return "search";
        }
        return null;
    }

    private Bucket newBucket(String group) {
        return switch (group) {
            case "sign-up" -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(signUpsPerHour).refillGreedy(signUpsPerHour, Duration.ofHours(1)))
                    .build();
            case "login" -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(loginsPerMinute).refillGreedy(loginsPerMinute, Duration.ofMinutes(1)))
                    .build();
            default -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(searchesPerMinute).refillGreedy(searchesPerMinute, Duration.ofMinutes(1)))
                    .build();
        };
    }
}
