package org.minbar.system;

import java.util.HashMap;
import java.util.Map;
import org.minbar.support.TestDatabases;

class SchemaUpgradeOnPostgresTests extends SchemaUpgradeContract {

    @Override
    String[] database() {
        Map<String, String> settings = new HashMap<>();
        TestDatabases.usePostgres((name, value) -> settings.put(name, String.valueOf(value.get())));
        return new String[] {settings.get("spring.datasource.url"), settings.get("spring.datasource.username"),
                settings.get("spring.datasource.password")};
    }
}
