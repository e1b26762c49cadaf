package org.minbar.newsletter;

import org.minbar.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class NewsletterOutboxOnH2Tests extends NewsletterOutboxContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.useH2(registry);
        MailServers.register(registry, SMTP_PORT);
    }
}
