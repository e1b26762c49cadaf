package org.minbar.search;

import org.minbar.article.ArticleService;
import org.minbar.system.CommandContext;
import org.minbar.system.MinbarCommand;
import org.springframework.stereotype.Component;

/** {@code reindex}: rebuilds the search index from the database, with a progress bar. */
@Component
class ReindexCommand implements MinbarCommand {

    static final int BAR_WIDTH = 30;

    private final SearchService search;
    private final ArticleService articles;

    ReindexCommand(SearchService search, ArticleService articles) {
        this.search = search;
        this.articles = articles;
    }

    @Override
    public String name() {
        return "reindex";
    }

    @Override
    public String usage() {
        return ": rebuild the search index from the database";
    }

    @Override
    public int run(CommandContext context) {
        long total = articles.countPublished(null, null);
        long started = System.nanoTime();
        int[] lastPercent = {-1};
        long indexed = search.rebuildIndex(done -> {
            int percent = total == 0 ? 100 : (int) (done * 100 / total);
            if (percent / 5 != lastPercent[0] / 5 || done == total) {
                lastPercent[0] = percent;
                context.println(bar(done, total));
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        context.println("Indexed %d articles in %.1f s.".formatted(indexed, seconds));
        return 0;
    }

    static String bar(long done, long total) {
        int filled = total == 0 ? BAR_WIDTH : (int) (done * BAR_WIDTH / total);
        return "Reindexing [%s%s] %d/%d (%d%%)".formatted("#".repeat(filled), "-".repeat(BAR_WIDTH - filled), done, total,
                total == 0 ? 100 : done * 100 / total);
    }
}
