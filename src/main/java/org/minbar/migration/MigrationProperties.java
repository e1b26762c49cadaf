package org.minbar.migration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo content's settings, with their defaults (and nowhere else; the {@code prod} profile turns
 * the demo off in {@code application-prod.properties}).
 *
 * @param loadOnFirstStart load the demo content (the seed article and a corpus subset) when the site first starts on an
 *        empty database
 */
@ConfigurationProperties("minbar.demo")
record MigrationProperties(@DefaultValue("true") boolean loadOnFirstStart) {
}
