package org.minbar.system;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Small named values kept in the database, such as whether the first start has run. */
@Service
public class Settings {

    private static final String MISSING = "\u0000";
    private final JdbcClient jdbc;
    private final com.github.benmanes.caffeine.cache.Cache<String, String> cache = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(5)).maximumSize(1_000).build();

    Settings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String name) {
        return jdbc.sql("select setting_value from minbar_setting where name = ?").param(name).query(String.class).optional();
    }

    /**
     * A value read on every page (the site's name, say): kept in memory for a few seconds so pages
     * cost no query, and changed on every node within that time.
     */
    public Optional<String> cached(String name) {
        String value = cache.get(name, key -> get(key).orElse(MISSING));
        return MISSING.equals(value) ? Optional.empty() : Optional.of(value);
    }

    /** The site's name changed on another node (the cluster applies its change here): read it again at once. */
    @org.springframework.context.event.EventListener(SiteIdentityChanged.class)
    void identityChanged() {
        cache.invalidateAll();
    }

    @Transactional
    public void put(String name, String value) {
        int updated = jdbc.sql("update minbar_setting set setting_value = ? where name = ?").params(value, name).update();
        if (updated == 0) {
            jdbc.sql("insert into minbar_setting (name, setting_value) values (?, ?)").params(name, value).update();
        }
        cache.invalidate(name);
    }
}
