package org.minbar.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.minbar.article.Article;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.search.SearchService;
import org.minbar.search.SearchUnavailableException;
import org.minbar.search.SimilarArticle;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** "قد تحب أيضا" (related articles), tag suggestions, "منشورات شائعة" (most read) and page-view counting. */
@Service
public class RecommendService {

    static final int RELATED_CANDIDATES = 40;
    static final double TAG_WEIGHT = 0.3;
    static final double SECTION_WEIGHT = 0.25;
    static final double FRESHNESS_WEIGHT = 0.1;
    static final double FRESHNESS_HALF_LIFE_DAYS = 30;

    private final PublishedArticles articles;
    private final SearchService search;
    private final TaxonomyService taxonomy;
    private final ViewCounter views;
    private static final Logger log = LoggerFactory.getLogger(RecommendService.class);

    /** Related articles come from the database alone while the index is unavailable (logged once). */
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final Cache<RelatedKey, List<Long>> relatedIds = Caffeine.newBuilder().maximumSize(20_000).build();

    private final boolean countViews;

    RecommendService(PublishedArticles articles, SearchService search, TaxonomyService taxonomy, ViewCounter views,
            RecommendProperties properties) {
        this.countViews = properties.countViews();
        this.articles = articles;
        this.search = search;
        this.taxonomy = taxonomy;
        this.views = views;
    }

    /**
     * "قد تحب أيضا": the articles most like this one by their Arabic text (title and body), with a
     * bonus for shared tags, the same section and freshness; never the article itself, never an
     * unpublished one, never one in {@code exclude} (already on the page). Cached until the
     * searchable content changes. While the search index is unavailable, the newest articles of
     * the same section and tags.
     */
    public List<ArticleSummary> related(Article article, int limit, Set<Long> exclude) {
        List<Long> ranked;
        try {
            ranked = relatedIds.get(new RelatedKey(article.id(), search.contentVersion()), key -> rankRelated(article));
            if (degraded.compareAndSet(true, false)) {
                log.info("Search index available again: related articles are ranked by their text again");
            }
        } catch (SearchUnavailableException e) {
            // The page must not depend on the index: section and tag neighbours alone fill the block.
            if (degraded.compareAndSet(false, true)) {
                log.warn("Search index unavailable: related articles are the newest of the same section and tags until it is rebuilt");
            }
            ranked = List.of();
        }
        List<Long> chosen = ranked.stream().filter(id -> !exclude.contains(id) && id != article.id()).limit(limit).toList();
        List<ArticleSummary> result = new ArrayList<>(articles.summaries(chosen));
        if (result.size() < limit) {
            // A new site, or an article too short to compare: fill with articles of its section or tags.
            Set<Long> taken = new HashSet<>(exclude);
            result.forEach(s -> taken.add(s.id()));
            for (ArticleSummary s : articles.sharingSectionOrTags(article, limit + taken.size())) {
                if (result.size() < limit && taken.add(s.id())) {
                    result.add(s);
                }
            }
        }
        return result;
    }

    /** Related articles, nothing else excluded. */
    public List<ArticleSummary> related(Article article, int limit) {
        return related(article, limit, Set.of());
    }

    private record RelatedKey(long articleId, long contentVersion) {
    }

    private List<Long> rankRelated(Article article) {
        List<SimilarArticle> similar = search.similarTo(article.id(), RELATED_CANDIDATES);
        if (similar.isEmpty()) {
            return List.of();
        }
        float best = similar.get(0).score();
        List<Long> ids = similar.stream().map(SimilarArticle::id).toList();
        Map<Long, ArticleSummary> summaries = new HashMap<>();
        articles.summaries(ids).forEach(s -> summaries.put(s.id(), s));
        Map<Long, List<Long>> tags = articles.tagIds(ids);
        Set<Long> ownTags = new HashSet<>(article.tagIds());
        Map<Long, Double> scores = new HashMap<>();
        Instant now = Instant.now();
        for (SimilarArticle candidate : similar) {
            ArticleSummary summary = summaries.get(candidate.id());
            if (summary == null) {
                continue;
            }
            long shared = tags.getOrDefault(candidate.id(), List.of()).stream().filter(ownTags::contains).count();
            double text = candidate.score() / best;
            double tagBonus = ownTags.isEmpty() ? 0 : TAG_WEIGHT * shared / ownTags.size();
            double sectionBonus = summary.sectionId() != null && summary.sectionId().equals(article.sectionId()) ? SECTION_WEIGHT : 0;
            double ageDays = summary.publishedAt() == null ? 3650
                    : Math.max(0, java.time.Duration.between(summary.publishedAt().toInstant(), now).toHours() / 24.0);
            double freshness = FRESHNESS_WEIGHT * Math.pow(0.5, ageDays / FRESHNESS_HALF_LIFE_DAYS);
            scores.put(candidate.id(), text + tagBonus + sectionBonus + freshness);
        }
        List<Long> ranked = new ArrayList<>(scores.keySet());
        ranked.sort(Comparator.comparingDouble((Long id) -> scores.get(id)).reversed());
        return List.copyOf(ranked);
    }

    /**
     * Existing tags whose names occur in the text, compared as the search sees words (so
     * "أوكرانيا" in the text offers the tag "اوكرانيا", and "وبوتين" the tag "بوتين"), most mentioned first.
     */
    public List<Tag> suggestTags(String text, int limit) {
        List<String> words = search.words(text);
        Map<Tag, Integer> mentions = new HashMap<>();
        for (Tag tag : taxonomy.allTags()) {
            List<String> tagWords = search.words(tag.name());
            int count = occurrences(words, tagWords);
            if (count > 0) {
                mentions.put(tag, count);
            }
        }
        return mentions.entrySet().stream()
                .sorted(Map.Entry.<Tag, Integer>comparingByValue().reversed().thenComparing(e -> e.getKey().name()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    static int occurrences(List<String> words, List<String> phrase) {
        if (phrase.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            if (words.subList(i, i + phrase.size()).equals(phrase)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The most-read articles of the window (views with time decay), leaving out those already on
     * the page. While too few views have been counted (a new site), the newest articles fill the
     * block.
     */
    public List<ArticleSummary> popular(PopularWindow window, int limit, Set<Long> exclude) {
        Map<Long, ArticleSummary> chosen = new LinkedHashMap<>();
        List<Long> ranked = views.ranking(window).stream().filter(id -> !exclude.contains(id)).limit(limit).toList();
        for (ArticleSummary s : articles.summaries(ranked)) {
            chosen.put(s.id(), s);
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

    /** The most-read articles of the last week. */
    public List<ArticleSummary> popular(int limit, Set<Long> exclude) {
        return popular(PopularWindow.WEEK, limit, exclude);
    }

    /**
     * Counts a reader's view of an article; bots and the same reader's reloads within half an hour
     * are not counted. Costs no database write. Returns whether the view was counted.
     */
    public boolean recordView(long articleId, String userAgent, String readerAddress) {
        return countViews && !ViewCounter.isBot(userAgent) && views.record(articleId, readerAddress, userAgent);
    }

    /** Writes the counted views now and ranks again (normally every few seconds, and every minute). */
    public void flushViews() {
        views.flush();
        views.rank();
    }
}
