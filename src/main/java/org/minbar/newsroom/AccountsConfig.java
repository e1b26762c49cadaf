package org.minbar.newsroom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, and the first admin account on a new site. */
@Configuration
class AccountsConfig {

    private static final Logger log = LoggerFactory.getLogger(AccountsConfig.class);

    /** bcrypt today, with the algorithm stored in each hash ({bcrypt}...) so it can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * With no account yet, creates {@code admin} with the password from {@code MINBAR_ADMIN_PASSWORD},
     * or a generated one printed once to the log; before the site takes its first request. Not
     * for a command run on its own, whose log nobody reads for a password.
     */
    @Bean
    @Profile("!cli")
    SmartInitializingSingleton firstAdmin(Users users, org.minbar.system.AuditLog audit,
            NewsroomProperties properties) {
        String configured = properties.initialPassword();
        return () -> {
            if (users.count() > 0) {
                return;
            }
            boolean generated = configured.isBlank();
            String password = generated ? Users.generatePassword() : configured;
            users.add("admin", "Admin", Role.ADMIN, password);
            audit.record("system", "user-added", "admin", "first admin", null);
            if (generated) {
                log.warn("First admin created. Log in at /newsroom/login as 'admin' with password: {} "
                        + "(shown once; change it with: java -jar target/minbar.jar user passwd admin)", password);
            } else {
                log.info("First admin created: 'admin', with the password from MINBAR_ADMIN_PASSWORD");
            }
        };
    }
}
