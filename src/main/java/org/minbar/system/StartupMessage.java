package org.minbar.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the site where to open it. */
@Component
class StartupMessage {

    private static final Logger log = LoggerFactory.getLogger(StartupMessage.class);

    private final DataDirectory dataDirectory;
    private final SiteAddress address;

    StartupMessage(DataDirectory dataDirectory, SiteAddress address) {
        this.dataDirectory = dataDirectory;
        this.address = address;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            // The address knows the server's port by now (WebServerInitializedEvent comes before this one).
            String url = address.absolute("/");
            log.info("Minbar is running at {} (data directory {})", url, dataDirectory.root());
        }
    }
}
