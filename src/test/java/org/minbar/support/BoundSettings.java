package org.minbar.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A settings record bound as the application binds it (its defaults, relaxed names, conversions),
 * from the given {@code key=value} pairs alone: no properties file, so the record's defaults show.
 * Validation is not applied (start-up tests check it).
 */
public final class BoundSettings {

    private BoundSettings() {
    }

    public static <T> T bind(Class<T> type, String... properties) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        for (String property : properties) {
            int equals = property.indexOf('=');
            source.put(property.substring(0, equals), property.substring(equals + 1));
        }
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
        return new Binder(source).bindOrCreate(prefix, type);
    }
}
