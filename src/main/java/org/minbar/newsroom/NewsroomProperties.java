package org.minbar.newsroom;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The newsroom's settings.
 *
 * @param initialPassword the first admin's password, used only when there is no account yet; also read from
 *        MINBAR_ADMIN_PASSWORD (mapped in application.properties). Empty: a generated password,
 *        printed once to the log
 */
@ConfigurationProperties("minbar.admin")
record NewsroomProperties(String initialPassword) {

    NewsroomProperties {
        initialPassword = initialPassword == null ? "" : initialPassword;
    }
}
