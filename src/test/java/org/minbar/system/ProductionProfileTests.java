package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minbar.MinbarApplication;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;

@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTests {

    @Test
    void prodProfileRefusesToStartWithoutAPostgresUrlInOneLine(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE).profiles("prod")
                .properties("minbar.data=" + TestDatabases.newDataDirectory(), "MINBAR_DB_URL=");
        assertThatThrownBy(app::run).hasRootCauseInstanceOf(RefusedStart.SettingsRefusedException.class)
                .rootCause().hasMessageContaining("MINBAR_DB_URL").hasMessageContaining("does not fall back");
        List<String> told = output.getErr().lines().filter(line -> line.contains("MINBAR_DB_URL")).toList();
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).startsWith("Minbar cannot start: The prod profile needs PostgreSQL");
        // No stack trace, no failure-analysis box: the one line is the whole story.
        assertThat(output.getAll()).doesNotContain("\tat org.springframework").doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void prodProfileRefusesAnH2Url(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE).profiles("prod")
                .properties("minbar.data=" + TestDatabases.newDataDirectory(), "MINBAR_DB_URL=jdbc:h2:mem:x");
        assertThatThrownBy(app::run).rootCause().hasMessageContaining("must be a PostgreSQL JDBC URL");
        assertThat(output.getErr()).contains("Minbar cannot start: MINBAR_DB_URL must be a PostgreSQL JDBC URL");
    }

    /** The example configuration shipped in src/main/dist starts the site, with its database URL pointed at a real PostgreSQL. */
    @Test
    void theExampleProductionConfigurationStartsOnPostgres() throws Exception {
        TestDatabases.assumePostgresCanRun();
        // The file as systemd's EnvironmentFile= passes it: environment variables, with their relaxed binding.
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/dist/minbar.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        java.util.Map<String, String> database = new java.util.HashMap<>();
        TestDatabases.usePostgres((name, value) -> database.put(name, String.valueOf(value.get())));
        variables.put("MINBAR_DB_URL", database.get("spring.datasource.url"));
        variables.put("MINBAR_DB_USER", database.get("spring.datasource.username"));
        variables.put("MINBAR_DB_PASSWORD", "");
        variables.put("MINBAR_DATA", database.get("minbar.data"));
        variables.put("PORT", "0");
        org.springframework.core.env.StandardEnvironment launched = new org.springframework.core.env.StandardEnvironment();
        launched.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                "minbar.env-systemEnvironment", variables));
        try (ConfigurableApplicationContext site = new SpringApplicationBuilder(MinbarApplication.class)
                .environment(launched).run("--minbar.data=" + database.get("minbar.data"))) {
            Environment environment = site.getEnvironment();
            assertThat(environment.getActiveProfiles()).contains("prod");
            Http http = new Http(((WebServerApplicationContext) site).getWebServer().getPort());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
            assertThat(http.get("/").statusCode()).isEqualTo(200);
            assertThat(site.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class)
                    .getMaximumPoolSize()).isEqualTo(Integer.parseInt(environment.getProperty("minbar.db.pool-size")));
        }
    }
}
