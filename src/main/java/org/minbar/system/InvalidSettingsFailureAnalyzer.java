package org.minbar.system;

import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A start-up refused because a setting breaks its constraint, told with the setting's name as the
 * README and properties files write it ({@code minbar.rate-limit.searches-per-minute}): Spring
 * Boot's own report names a record's component path instead ({@code minbar.rateLimit.searchesPerMinute}),
 * and leaves out where a nested value came from. Registered in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        StringBuilder description = new StringBuilder("Invalid settings:\n");
        for (ObjectError error : errors) {
            String path = errors.getName() + (error instanceof FieldError field ? "." + field.getField() : "");
            Optional<ConfigurationProperty> bound = errors.getBoundProperties().stream()
                    .filter(p -> comparable(p.getName().toString()).equals(comparable(path))).findFirst();
            description.append("\n    ").append(bound.map(p -> p.getName().toString()).orElseGet(() -> dashed(path)));
            bound.ifPresent(p -> description.append(" = \"").append(p.getValue()).append('"'));
            description.append(": ").append(error.getDefaultMessage());
            bound.map(ConfigurationProperty::getOrigin).ifPresent(origin -> description.append(" (").append(origin).append(')'));
        }
        return new FailureAnalysis(description.toString(),
                "Correct these settings; README.md (Configuration) lists every setting with its default.", cause);
    }

    private static String comparable(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** {@code minbar.rateLimit.searchesPerMinute} as {@code minbar.rate-limit.searches-per-minute}. */
    static String dashed(String path) {
        return path.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
