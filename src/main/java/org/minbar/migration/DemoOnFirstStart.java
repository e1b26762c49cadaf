package org.minbar.migration;

import org.minbar.article.ArticleEditing;
import org.minbar.system.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * First start of the site on an empty database: loads the demo so every page has content. Not
 * for a command run on its own ({@code cli}): that is not the site's first start.
 */
@Component
@Profile("!cli")
class DemoOnFirstStart implements ApplicationRunner {

    static final String FIRST_START_SETTING = "first-start.done";
    private static final Logger log = LoggerFactory.getLogger(DemoOnFirstStart.class);

    private final DemoContent demo;
    private final ArticleEditing editing;
    private final Settings settings;
    private final boolean onFirstStart;

    DemoOnFirstStart(DemoContent demo, ArticleEditing editing, Settings settings,
            MigrationProperties properties) {
        this.demo = demo;
        this.editing = editing;
        this.settings = settings;
        this.onFirstStart = properties.loadOnFirstStart();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.get(FIRST_START_SETTING).isPresent()) {
            return;
        }
        if (onFirstStart && editing.countAll() == 0 && !demo.loaded()) {
            int loaded = demo.load(done -> { });
            log.info("First start: loaded {} demo articles (the seed article, the ANT corpus subset and {} cartoons, with {} lead photos)",
                    loaded, DemoContent.CARTOONS.size(), DemoContent.PHOTOS.size());
        }
        settings.put(FIRST_START_SETTING, "true");
    }
}
