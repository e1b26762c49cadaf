package org.minbar.system;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Small named values kept in the database, such as whether the first start has run. */
@Service
public class Settings {

    private final JdbcClient jdbc;

    Settings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String name) {
        return jdbc.sql("select setting_value from minbar_setting where name = ?").param(name).query(String.class).optional();
    }

    @Transactional
    public void put(String name, String value) {
        int updated = jdbc.sql("update minbar_setting set setting_value = ? where name = ?").params(value, name).update();
        if (updated == 0) {
            jdbc.sql("insert into minbar_setting (name, setting_value) values (?, ?)").params(name, value).update();
        }
    }
}
