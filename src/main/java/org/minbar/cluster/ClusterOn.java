package org.minbar.cluster;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether this node is one of several: {@code minbar.cluster.enabled}, and when it is {@code auto} (the
 * default), whether the database is PostgreSQL (the {@code prod} profile's {@code minbar.db.url}, else
 * {@code spring.datasource.url}). The default H2 database is one node's own file: nothing to share.
 */
class ClusterOn implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return on(context.getEnvironment());
    }

    static boolean on(Environment environment) {
        String enabled = environment.getProperty("minbar.cluster.enabled", "auto").strip();
        if (!enabled.equals("auto")) {
            return Boolean.parseBoolean(enabled);
        }
        String url = environment.matchesProfiles("prod") ? environment.getProperty("minbar.db.url", "")
                : environment.getProperty("spring.datasource.url", "");
        return url.startsWith("jdbc:postgresql:");
    }
}
