package org.minbar.migration;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When the site starts, resumes the WordPress imports a crash or a stop interrupted; a command run on its own does not. */
@Component
@Profile("!cli")
class ResumeImportsAtStart {

    private final WxrImportJobs imports;

    ResumeImportsAtStart(WxrImportJobs imports) {
        this.imports = imports;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        imports.resumeInterrupted();
    }
}
