package org.minbar.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The system module's settings, and the site's identity that every feature shares (name, tagline,
 * address, time zone). Defaults are given here and nowhere else: {@code application.properties}
 * does not repeat them. Other features' settings are in their own records (such as
 * {@code org.minbar.site.SiteProperties} for the rest of {@code minbar.site.*}).
 *
 * <p>Constraint messages are written out in English: validation messages otherwise follow the
 * server's locale, and an operator reads a refused start-up in the log.
 *
 * @param data data directory: the H2 database, the search index, media, uploads in progress, the running site's port
 *        and command token. Set from MINBAR_DATA (default ./data, in application.properties,
 *        which also builds the H2 address from it)
 * @param db the production database (profile prod)
 * @param site the site's identity, shared by pages, mails, feeds and imports
 * @param jobs persistent jobs (db-scheduler): scheduled publishing, newsletter sending, imports
 * @param rateLimit per-address limits on costly or abusable requests (429 with Retry-After beyond them)
 * @param login newsroom login lock-out
 * @param metrics the Prometheus endpoint's access
 * @param logFormat {@code text}, or {@code json}: the console log as one JSON object a line (read before
 *        the logging system starts, by {@link LogFormat}; here for its documentation and check)
 * @param proxies addresses of the reverse proxies in front of Minbar (such as 127.0.0.1); only their
 *        X-Forwarded-For and X-Forwarded-Proto are believed. Empty: no proxy, those headers are ignored
 */
@ConfigurationProperties("minbar")
@Validated
public record SystemProperties(
        @NotBlank(message = "must not be empty") String data,
        @DefaultValue @Valid Db db,
        @DefaultValue @Valid Site site,
        @DefaultValue @Valid Jobs jobs,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue @Valid Login login,
        @DefaultValue @Valid Metrics metrics,
        @DefaultValue("text") @Pattern(regexp = "(?i)text|json", message = "must be text or json") String logFormat,
        @DefaultValue List<String> proxies) {

    public SystemProperties {
        proxies = proxies == null ? List.of() : proxies.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Who may read {@code /actuator/prometheus}: a client on this machine that came through no proxy
     * (no {@code X-Forwarded-For} or {@code Forwarded} header), or any client that sends
     * {@code Authorization: Bearer TOKEN}.
     *
     * @param token the scraper's bearer token (MINBAR_METRICS_TOKEN); empty: local clients only
     */
    public record Metrics(String token) {
    }

    /**
     * The production database, PostgreSQL. Set through {@code MINBAR_DB_URL}, {@code MINBAR_DB_USER} and
     * {@code MINBAR_DB_PASSWORD}.
     *
     * @param url JDBC URL of the PostgreSQL database (jdbc:postgresql://HOST:5432/DB); the prod profile refuses
     *        to start without it
     * @param user database user
     * @param password database password
     * @param poolSize most connections the site holds open (MINBAR_DB_POOL_SIZE); requests beyond it wait for one
     */
    public record Db(String url, String user, String password, @Positive @DefaultValue("10") int poolSize) {
    }

    /**
     * The site's identity. The name and tagline here are the defaults until an admin changes them in the
     * newsroom ({@link SiteIdentity} is where pages and mails read them).
     *
     * @param name site name in the masthead, titles, feeds and mails, until an admin changes it in the newsroom
     * @param tagline tagline under the name, until an admin changes it in the newsroom
     * @param baseUrl public address, such as https://news.example.org, of every absolute link: pages' canonical
     *        and share links, API links, command output, mails, feeds, sitemaps, robots.txt and structured data (set
     *        it in production). Empty: pages and the API use the request's address, the rest http://localhost:PORT
     * @param timeZone time zone of the dates readers and editors see, of WordPress dates without an offset, and of the
     *        daily newsletter digest
     */
    public record Site(
            @NotBlank(message = "must not be empty") @DefaultValue("منبر") String name,
            @DefaultValue("أخبار وتقارير وتحقيقات") String tagline,
            @Pattern(regexp = "|https?://\\S+", message = "must be empty or an http:// or https:// address")
            @DefaultValue("") String baseUrl,
            @NotNull(message = "must be a time zone such as Asia/Damascus") @DefaultValue("Asia/Damascus") ZoneId timeZone) {

        public Site {
            tagline = tagline == null ? "" : tagline;
            baseUrl = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        }
    }

    /**
     * @param threads worker threads for persistent jobs
     * @param pollingInterval how often due jobs are looked for
     */
    public record Jobs(
            @Positive(message = "must be greater than 0") @DefaultValue("4") int threads,
            @NotNull @DurationMin(nanos = 1, message = "must be longer than 0") @DefaultValue("2s") Duration pollingInterval) {
    }

    /**
     * @param signUpsPerHour newsletter sign-ups per address per hour
     * @param searchesPerMinute searches (/search, /api/v1/search...) per address per minute
     * @param loginsPerMinute newsroom login attempts per address per minute
     */
    public record RateLimit(
            @Positive(message = "must be greater than 0") @DefaultValue("10") int signUpsPerHour,
            @Positive(message = "must be greater than 0") @DefaultValue("60") int searchesPerMinute,
            @Positive(message = "must be greater than 0") @DefaultValue("10") int loginsPerMinute) {
    }

    /**
     * @param maxFailuresPerAccount failed logins before an account is locked
     * @param maxFailuresPerAddress failed logins before an address is locked
     * @param lockMinutes how long a lock lasts, in minutes from the last failure
     */
    public record Login(
            @Positive(message = "must be greater than 0") @DefaultValue("5") int maxFailuresPerAccount,
            @Positive(message = "must be greater than 0") @DefaultValue("20") int maxFailuresPerAddress,
            @Positive(message = "must be greater than 0") @DefaultValue("15") int lockMinutes) {
    }
}
