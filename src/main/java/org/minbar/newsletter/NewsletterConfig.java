package org.minbar.newsletter;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The newsletter's settings ({@code minbar.newsletter.*}); SMTP itself is Spring Boot's {@code spring.mail.*}. */
@Component
class NewsletterConfig {

    final String from;
    final String fromName;
    final Duration confirmationTtl;
    final int confirmationsPerAddressPerDay;
    final String digestSchedule;
    final Duration digestFirstLookBack;
    final int digestMaxArticles;
    final Duration retryDelay;
    final int maxAttempts;
    final int bounceLimit;
    final int batchSize;

    NewsletterConfig(@Value("${minbar.newsletter.from:newsletter@localhost}") String from,
            @Value("${minbar.newsletter.from-name:}") String fromName,
            @Value("${minbar.newsletter.confirmation-ttl:48h}") Duration confirmationTtl,
            @Value("${minbar.newsletter.confirmations-per-address-per-day:3}") int confirmationsPerAddressPerDay,
            @Value("${minbar.newsletter.digest-schedule:DAILY|07:00}") String digestSchedule,
            @Value("${minbar.newsletter.digest-first-look-back:24h}") Duration digestFirstLookBack,
            @Value("${minbar.newsletter.digest-max-articles:30}") int digestMaxArticles,
            @Value("${minbar.newsletter.retry-delay:1m}") Duration retryDelay,
            @Value("${minbar.newsletter.max-attempts:6}") int maxAttempts,
            @Value("${minbar.newsletter.bounce-limit:3}") int bounceLimit,
            @Value("${minbar.newsletter.batch-size:200}") int batchSize) {
        this.from = from;
        this.fromName = fromName;
        this.confirmationTtl = confirmationTtl;
        this.confirmationsPerAddressPerDay = confirmationsPerAddressPerDay;
        this.digestSchedule = digestSchedule;
        this.digestFirstLookBack = digestFirstLookBack;
        this.digestMaxArticles = digestMaxArticles;
        this.retryDelay = retryDelay;
        this.maxAttempts = maxAttempts;
        this.bounceLimit = bounceLimit;
        this.batchSize = batchSize;
    }

    /** Back-off before attempt {@code attempts + 1}: the retry delay, doubled after each failure, at most a day. */
    Duration backOff(int attempts) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return delay.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : delay;
    }
}
