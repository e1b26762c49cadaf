package org.minbar.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** When a node is one of several: on PostgreSQL by default, never on the default H2 database unless asked. */
class ClusterOnTests {

    private static final String H2 = "jdbc:h2:file:async:./data/db/minbar;MODE=PostgreSQL";
    private static final String POSTGRES = "jdbc:postgresql://db.example.org:5432/minbar";

    @Test
    void isOffOnH2AndOnOnPostgresByDefault() {
        assertThat(ClusterOn.on(new MockEnvironment().withProperty("spring.datasource.url", H2))).isFalse();
        assertThat(ClusterOn.on(new MockEnvironment().withProperty("spring.datasource.url", POSTGRES))).isTrue();
    }

    @Test
    void theProdProfileReadsItsOwnDatabaseSetting() {
        MockEnvironment prod = new MockEnvironment().withProperty("spring.datasource.url", H2).withProperty("minbar.db.url", POSTGRES);
        prod.setActiveProfiles("prod");
        assertThat(ClusterOn.on(prod)).isTrue();
        MockEnvironment notProd = new MockEnvironment().withProperty("spring.datasource.url", H2).withProperty("minbar.db.url", POSTGRES);
        assertThat(ClusterOn.on(notProd)).as("minbar.db.url is used only by prod").isFalse();
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(ClusterOn.on(new MockEnvironment().withProperty("spring.datasource.url", H2)
                .withProperty("minbar.cluster.enabled", "true"))).isTrue();
        assertThat(ClusterOn.on(new MockEnvironment().withProperty("spring.datasource.url", POSTGRES)
                .withProperty("minbar.cluster.enabled", "false"))).isFalse();
    }
}
