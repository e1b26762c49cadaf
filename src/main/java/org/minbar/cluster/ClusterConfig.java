package org.minbar.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns this node into one of several ({@link ClusterOn}: on PostgreSQL by default): the change log
 * and its follower, and newsroom sessions in the database. Off (the default H2 database), none of
 * this exists: sessions stay in the web server's memory and no change is logged.
 */
@Configuration
@Conditional(ClusterOn.class)
class ClusterConfig {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfig.class);

    @Bean
    String clusterNodeId(ClusterProperties properties) {
        if (!properties.nodeId().isBlank()) {
            return properties.nodeId();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        String id = host + "-" + HexFormat.of().formatHex(suffix);
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    @Bean
    ChangeLog clusterChangeLog(JdbcClient jdbc, DataSource dataSource, String clusterNodeId) {
        return new ChangeLog(jdbc, clusterNodeId, isPostgres(dataSource));
    }

    /** A command run on its own logs its changes for the nodes, but follows none and serves no sessions. */
    @Bean
    @Profile("!cli")
    ChangeFeed clusterChangeFeed(JdbcClient jdbc, TransactionTemplate transaction, ApplicationEventPublisher events,
            String clusterNodeId, ClusterProperties properties, DataSource dataSource) {
        ChangeFeed.ListenerConnection listener = null;
        if (isPostgres(dataSource)) {
            try {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                listener = ChangeFeed.driverManager(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            } catch (SQLException e) {
                log.warn("Cluster: the database pool is not HikariCP, so there is no LISTEN connection; other nodes'"
                        + " changes arrive by polling only (every {})", properties.pollInterval());
            }
        }
        return new ChangeFeed(jdbc, transaction, events, clusterNodeId, properties, listener);
    }

    /** Its own condition too: component scanning finds a nested configuration by itself. */
    @Configuration
    @Conditional(ClusterOn.class)
    @Profile("!cli")
    @EnableJdbcHttpSession
    static class Sessions {

        /** The same cookie as the web server's own sessions (the page cache and the logout know it by name). */
        @Bean
        DefaultCookieSerializer clusterSessionCookie() {
            DefaultCookieSerializer cookie = new DefaultCookieSerializer();
            cookie.setCookieName("JSESSIONID");
            cookie.setSameSite("Lax");
            cookie.setUseHttpOnlyCookie(true);
            cookie.setUseBase64Encoding(false);
            return cookie;
        }

        /** Sessions end after {@code server.servlet.session.timeout} of inactivity, as the server's own do. */
        @Bean
        SessionRepositoryCustomizer<JdbcIndexedSessionRepository> clusterSessionTimeout(Environment environment) {
            Duration timeout = Binder.get(environment).bind("server.servlet.session.timeout", Duration.class)
                    .orElse(Duration.ofMinutes(30));
            return repository -> repository.setDefaultMaxInactiveInterval(timeout);
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cluster: cannot reach the database", e);
        }
    }
}
