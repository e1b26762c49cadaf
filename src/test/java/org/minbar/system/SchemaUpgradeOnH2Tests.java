package org.minbar.system;

import org.minbar.support.TestDatabases;

class SchemaUpgradeOnH2Tests extends SchemaUpgradeContract {

    @Override
    String[] database() {
        // The options of application.properties' H2 address.
        return new String[] {"jdbc:h2:file:" + TestDatabases.newDataDirectory().resolve("db/minbar")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""};
    }
}
