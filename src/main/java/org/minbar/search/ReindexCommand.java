package org.minbar.search;

import java.util.concurrent.Callable;
import org.minbar.article.PublishedArticles;
import org.minbar.system.MinbarCommand;
import org.minbar.system.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code reindex}: rebuilds the search index from the database, showing progress. */
@MinbarCommand
@Command(name = "reindex", description = "Rebuild the search index from the database.")
class ReindexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final SearchService search;
    private final PublishedArticles articles;

    ReindexCommand(SearchService search, PublishedArticles articles) {
        this.search = search;
        this.articles = articles;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        long total = articles.countPublished(null, null);
        long started = System.nanoTime();
        Progress progress = new Progress(out, "Reindexing");
        long indexed = search.rebuildIndex(done -> progress.count(done, total, "articles"));
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println("Indexed %d articles in %.1f s.".formatted(indexed, seconds));
        return 0;
    }
}
