package org.minbar.system;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code MINBAR_LOG_FORMAT=json} (or {@code minbar.log-format=json}): the console log as one JSON
 * object a line (Spring Boot's structured logging, Elastic Common Schema), for a log shipper.
 * Runs before the logging system starts, which is why it is an environment post-processor and not
 * a setting of {@link SystemProperties}. Registered in {@code META-INF/spring.factories}.
 */
class LogFormat implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("minbar.log-format", "text").trim();
        if (format.equalsIgnoreCase("json")) {
            environment.getPropertySources().addFirst(new MapPropertySource("minbarLogFormat",
                    Map.of("logging.structured.format.console", "ecs")));
        } else if (!format.equalsIgnoreCase("text") && !format.isEmpty()) {
            throw new IllegalStateException("minbar.log-format (MINBAR_LOG_FORMAT) must be text or json, got " + format);
        }
    }
}
