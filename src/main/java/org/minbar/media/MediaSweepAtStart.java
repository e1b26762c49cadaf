package org.minbar.media;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the site starts, removes the files interrupted uploads left. A command run on its own does
 * not: an upload may be under way in the running site.
 */
@Component
@Profile("!cli")
class MediaSweepAtStart {

    private final MediaService media;

    MediaSweepAtStart(MediaService media) {
        this.media = media;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sweep() {
        media.sweepAtStart();
    }
}
