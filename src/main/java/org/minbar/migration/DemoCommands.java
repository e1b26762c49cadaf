package org.minbar.migration;

import org.minbar.article.ArticleService;
import org.minbar.system.CommandContext;
import org.minbar.system.MinbarCommand;
import org.minbar.system.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** {@code load-demo}, and the same on the site's first start. */
@Component
class DemoCommands implements MinbarCommand, ApplicationRunner {

    static final String FIRST_START_SETTING = "first-start.done";
    private static final Logger log = LoggerFactory.getLogger(DemoCommands.class);

    private final DemoContent demo;
    private final ArticleService articles;
    private final Settings settings;
    private final boolean onFirstStart;
    private final boolean cli;

    DemoCommands(DemoContent demo, ArticleService articles, Settings settings,
            @Value("${minbar.demo.load-on-first-start:true}") boolean onFirstStart, @Value("${minbar.cli:false}") boolean cli) {
        this.demo = demo;
        this.articles = articles;
        this.settings = settings;
        this.onFirstStart = onFirstStart;
        this.cli = cli;
    }

    @Override
    public String name() {
        return "load-demo";
    }

    @Override
    public String usage() {
        return ": load the demo content (the seed article and about 300 corpus articles)";
    }

    @Override
    public int run(CommandContext context) {
        if (demo.loaded()) {
            context.println("The demo content is already loaded; nothing to do.");
            return 0;
        }
        int total = demo.size();
        int loaded = demo.load(done -> {
            if (done % 50 == 0 || done == total) {
                context.println("Loading demo content: %d/%d articles".formatted(done, total));
            }
        });
        context.println("Loaded %d demo articles.".formatted(loaded));
        return 0;
    }

    /** First start of the site on an empty database: load the demo so every page has content. */
    @Override
    public void run(ApplicationArguments args) {
        if (cli || settings.get(FIRST_START_SETTING).isPresent()) {
            return;
        }
        if (onFirstStart && articles.countAll() == 0 && !demo.loaded()) {
            int loaded = demo.load(done -> { });
            log.info("First start: loaded {} demo articles (the seed article and the ANT corpus subset)", loaded);
        }
        settings.put(FIRST_START_SETTING, "true");
    }
}
