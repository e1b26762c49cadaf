package org.minbar.search;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the site starts, brings the index up to date (rebuilding it in the background if needed)
 * and lets the periodic check run. A command run on its own does neither: the site may be serving
 * from the same index meanwhile.
 */
@Component
@Profile("!cli")
class IndexCheckAtStart {

    private final SearchBackend indexer;

    IndexCheckAtStart(SearchBackend indexer) {
        this.indexer = indexer;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        indexer.checkAtStart();
    }
}
