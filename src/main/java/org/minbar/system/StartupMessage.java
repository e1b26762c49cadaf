package org.minbar.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the site where to open it. */
@Component
class StartupMessage {

    private static final Logger log = LoggerFactory.getLogger(StartupMessage.class);

    private final DataDirectory dataDirectory;
    private final String baseUrl;

    StartupMessage(DataDirectory dataDirectory, @Value("${minbar.site.base-url:}") String baseUrl) {
        this.dataDirectory = dataDirectory;
        this.baseUrl = baseUrl;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String url = baseUrl.isBlank() ? "http://localhost:" + web.getWebServer().getPort() + "/" : baseUrl;
            log.info("Minbar is running at {} (data directory {})", url, dataDirectory.root());
        }
    }
}
