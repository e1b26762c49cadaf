package org.minbar.system;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** In the {@code prod} profile the database is PostgreSQL, and there is no fallback to H2. */
@Configuration
@Profile("prod")
class ProductionDatabaseConfig {

    @Bean
    DataSource dataSource(SystemProperties properties) {
        String url = properties.db().url() == null ? "" : properties.db().url();
        String user = properties.db().user();
        String password = properties.db().password();
        if (url.isBlank()) {
            throw new RefusedStart.SettingsRefusedException("The prod profile needs PostgreSQL: set MINBAR_DB_URL "
                    + "(jdbc:postgresql://HOST:5432/DB), MINBAR_DB_USER and MINBAR_DB_PASSWORD. "
                    + "Minbar does not fall back to the embedded H2 database in prod.");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new RefusedStart.SettingsRefusedException("MINBAR_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://...), got " + url);
        }
        HikariDataSource dataSource = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(url).username(user).password(password).build();
        // The pool: every request that reaches the database holds one connection for its length; reader
        // pages mostly come from the page cache and read models and need none (README, Operations).
        dataSource.setMaximumPoolSize(properties.db().poolSize());
        dataSource.setPoolName("minbar");
        return dataSource;
    }
}
