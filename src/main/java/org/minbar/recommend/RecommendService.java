package org.minbar.recommend;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minbar.article.Article;
import org.minbar.article.ArticleService;
import org.minbar.article.ArticleSummary;
import org.springframework.stereotype.Service;

/** "قد تحب أيضا" (related articles) and "منشورات شائعة" (most-read), and page-view counting. */
@Service
public class RecommendService {

    static final int POPULAR_WINDOW_DAYS = 7;

    private final ArticleService articles;
    private final ViewCounter views;

    RecommendService(ArticleService articles, ViewCounter views) {
        this.articles = articles;
        this.views = views;
    }

    /** Recent articles that share the article's section or tags, never the article itself. */
    public List<ArticleSummary> related(Article article, int limit) {
        return articles.sharingSectionOrTags(article, limit);
    }

    /**
     * The most-read articles of the last week, leaving out those already on the page. While too
     * few views have been counted (a new site), the newest articles fill the block.
     */
    public List<ArticleSummary> popular(int limit, Set<Long> exclude) {
        LocalDate since = LocalDate.now(ZoneOffset.UTC).minusDays(POPULAR_WINDOW_DAYS - 1);
        Map<Long, ArticleSummary> chosen = new LinkedHashMap<>();
        for (ArticleSummary s : articles.summaries(views.mostViewedSince(since, limit + exclude.size()))) {
            if (!exclude.contains(s.id()) && chosen.size() < limit) {
                chosen.put(s.id(), s);
            }
        }
        if (chosen.size() < limit) {
            for (ArticleSummary s : articles.published(null, null, limit + exclude.size() + chosen.size(), 0)) {
                if (!exclude.contains(s.id()) && chosen.size() < limit) {
                    chosen.putIfAbsent(s.id(), s);
                }
            }
        }
        return new ArrayList<>(chosen.values());
    }

    /** Counts a reader's view of an article; bots are not counted. Costs no database write. */
    public void recordView(long articleId, String userAgent) {
        if (!ViewCounter.isBot(userAgent)) {
            views.record(articleId);
        }
    }

    /** Writes the counted views now (normally done every few seconds). */
    public void flushViews() {
        views.flush();
    }
}
