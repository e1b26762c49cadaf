package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.minbar.MinbarApplication;
import org.minbar.support.TestDatabases;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ProductionProfileTests {

    @Test
    void prodProfileRefusesToStartWithoutAPostgresUrl() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE).profiles("prod")
                .properties("minbar.data=" + TestDatabases.newDataDirectory(), "MINBAR_DB_URL=");
        assertThatThrownBy(app::run).hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("MINBAR_DB_URL").hasMessageContaining("does not fall back");
    }

    @Test
    void prodProfileRefusesAnH2Url() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(MinbarApplication.class)
                .web(WebApplicationType.NONE).profiles("prod")
                .properties("minbar.data=" + TestDatabases.newDataDirectory(), "MINBAR_DB_URL=jdbc:h2:mem:x");
        assertThatThrownBy(app::run).rootCause().hasMessageContaining("must be a PostgreSQL JDBC URL");
    }
}
