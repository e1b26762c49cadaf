package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minbar.MinbarApplication;
import org.minbar.support.Http;
import org.minbar.support.TestDatabases;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code MINBAR_LOG_FORMAT=json}: every console line is a JSON object a log shipper can read. */
@ExtendWith(OutputCaptureExtension.class)
class LogFormatTests {

    /** Spring Boot hands the format to Logback in a system property; later tests of this JVM log as text again. */
    @org.junit.jupiter.api.AfterEach
    void textAgain() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        System.clearProperty("LOG_STRUCTURED_FORMAT");
    }

    @Test
    void jsonLogsAreOneObjectALine(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE).profiles("cli")
                .run("--minbar.data=" + TestDatabases.newDataDirectory(), "--minbar.log-format=json")) {
            LoggerFactory.getLogger(LogFormatTests.class).info("سطر تجريبي \"quoted\"");
        }
        List<String> lines = output.getOut().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        JsonNode ours = null;
        for (String line : lines) {
            JsonNode json = Http.parse(line); // fails on a line that is not JSON
            assertThat(json.has("@timestamp")).as(line).isTrue();
            if (json.path("message").asString("").startsWith("سطر تجريبي")) {
                ours = json;
            }
        }
        assertThat(ours).as(String.join("\n", lines)).isNotNull();
        assertThat(ours.get("message").asString()).isEqualTo("سطر تجريبي \"quoted\"");
        assertThat(ours.has("log.level") ? ours.get("log.level").asString() : ours.path("log").path("level").asString()).isEqualTo("INFO");
    }

    @Test
    void anUnknownFormatIsRefused() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE).profiles("cli")
                .properties("minbar.data=" + TestDatabases.newDataDirectory(), "minbar.log-format=xml");
        org.assertj.core.api.Assertions.assertThatThrownBy(app::run).hasMessageContaining("must be text or json");
    }
}
