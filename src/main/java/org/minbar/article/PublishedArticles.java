package org.minbar.article;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.minbar.system.CleanText;
import org.springframework.stereotype.Service;

/** What readers may see, read-only: for pages, feeds, sitemaps, the API, search indexing and recommendations. */
@Service
public class PublishedArticles {

    private final ArticleRepository articles;
    private final PublishedArticleQueries queries;
    private final ReaderCache kept;

    PublishedArticles(ArticleRepository articles, PublishedArticleQueries queries, ReaderCache kept) {
        this.articles = articles;
        this.queries = queries;
        this.kept = kept;
    }

    /** Keys of the kept lists ({@link ReaderCache#list}): one record per query, with its parameters. */
    private record Newest(Long sectionId, Long tagId) {
    }

    private record Count(Long sectionId, Long tagId) {
    }

    private record Featured(int limit) {
    }

    private record Sharing(long articleId, int limit) {
    }

    /** The article if readers may see it (kept in memory until it changes). */
    public Optional<Article> findPublished(long id) {
        return kept.article(id, key -> articles.find(key).filter(Article::published));
    }

    /** Published articles with these ids, in their order: three queries per 500 ids (rows, tags, contributors), for indexing in batches. */
    public List<Article> publishedArticles(List<Long> ids) {
        return articles.findAll(ids).stream().filter(Article::published).toList();
    }

    /** The published article that has, or had, this slug. */
    public Optional<Long> publishedIdForSlug(String slug) {
        return queries.publishedIdWithSlug(slug);
    }

    /** The newest published article with exactly this title. */
    public Optional<Long> publishedIdWithTitle(String title) {
        return queries.idWithTitle(CleanText.title(title).strip());
    }

    /**
     * Which of these ids are published articles': one query per 1,000 ids, for writing derived data
     * about a batch of articles (page views) without reading the article table from another feature.
     */
    public Set<Long> publishedIds(Collection<Long> ids) {
        return ids.isEmpty() ? Set.of() : queries.publishedAmong(ids);
    }

    /** Published articles, newest first, optionally in one section and/or with one tag. */
    public List<ArticleSummary> published(Long sectionId, Long tagId, int limit, int offset) {
        if (offset + limit > ReaderCache.LIST_ROWS) {
            return queries.page(sectionId, tagId, limit, offset);
        }
        List<ArticleSummary> newest = kept.list(new Newest(sectionId, tagId),
                () -> queries.page(sectionId, tagId, ReaderCache.LIST_ROWS, 0));
        return newest.subList(Math.min(offset, newest.size()), Math.min(offset + limit, newest.size()));
    }

    /**
     * The published articles listed after article {@code afterId} (newest first, optionally in one
     * section and/or with one tag), read by key however deep: empty when that article is not published
     * (a link older than an unpublish), for the caller to count by position instead.
     */
    public Optional<List<ArticleSummary>> publishedAfter(Long sectionId, Long tagId, long afterId, int limit) {
        List<ArticleSummary> cursor = summaries(List.of(afterId));
        if (cursor.isEmpty() || cursor.get(0).publishedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(queries.pageOlderThan(sectionId, tagId, cursor.get(0).publishedAt(), afterId, limit));
    }

    public long countPublished(Long sectionId, Long tagId) {
        return kept.<Long>list(new Count(sectionId, tagId), () -> queries.count(sectionId, tagId));
    }

    /** Published summaries for these ids, in the given order; unknown or unpublished ids are left out. */
    public List<ArticleSummary> summaries(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : kept.summaries(ids, queries::summaries);
    }

    /**
     * Where each read-also promo of a body leads, in one query: a published article's current title
     * and path (it may have been renamed since the promo was placed); a promo whose article is
     * unpublished, deleted or not yet known leads to a search for its text.
     */
    public List<ReadAlso.Link> readAlsoLinks(List<org.jsoup.nodes.Element> promos) {
        java.util.Map<Long, ArticleSummary> linked = summaries(ReadAlso.articleIds(promos)).stream()
                .collect(java.util.stream.Collectors.toMap(ArticleSummary::id, s -> s));
        return promos.stream().map(promo -> {
            Long id = ReadAlso.articleId(promo);
            ArticleSummary target = id == null ? null : linked.get(id);
            return target != null ? new ReadAlso.Link(promo, target.title(), target.path())
                    : new ReadAlso.Link(promo, promo.text(), ReadAlso.searchFor(promo.text()));
        }).toList();
    }

    /** Newest published articles that share the article's section or tags, more shared tags first. */
    public List<ArticleSummary> sharingSectionOrTags(Article article, int limit) {
        return kept.list(new Sharing(article.id(), limit),
                () -> queries.sharingSectionOrTags(article.id(), article.sectionId(), article.tagIds(), limit));
    }

    /** Published featured articles, the most recently featured first. */
    public List<ArticleSummary> featured(int limit) {
        return kept.list(new Featured(limit), () -> queries.featured(limit));
    }

    /**
     * Where an article is listed, published or not: two lookups by key, for dropping the kept pages
     * that list it when it changes.
     */
    public ArticlePlacement placement(long id) {
        var sectionAndChange = queries.sectionAndChange(id);
        return new ArticlePlacement(sectionAndChange.map(Map.Entry::getKey).orElse(null),
                articles.tagIds(List.of(id)).getOrDefault(id, List.of()), sectionAndChange.map(Map.Entry::getValue).orElse(null));
    }

    /** The tag ids of each of these articles. */
    public Map<Long, List<Long>> tagIds(Collection<Long> articleIds) {
        return articleIds.isEmpty() ? Map.of() : kept.tagIds(articleIds, articles::tagIds);
    }

    /** Ids of published articles above {@code afterId}, ascending: for walking the whole archive in batches. */
    public List<Long> publishedIdsAfter(long afterId, int limit) {
        return queries.publishedIdsAfter(afterId, limit);
    }

    /**
     * Ids of published articles above {@code afterId} with their {@link Article#version()}, ascending:
     * for checking derived copies (the search index) against the database in batches.
     */
    public Map<Long, Integer> publishedVersionsAfter(long afterId, int limit) {
        return queries.publishedVersionsAfter(afterId, limit);
    }

    /** Ids of all articles (any status) changed since the given time: for catching up derived data. */
    public List<Long> idsUpdatedSince(Instant since) {
        return queries.idsUpdatedSince(since.atOffset(ZoneOffset.UTC));
    }

    /** Published articles' addresses and times with ids from {@code firstId} to {@code lastId}, ascending: a sitemap page. */
    public List<ArticleStamp> publishedStampsBetween(long firstId, long lastId) {
        return queries.stampsBetween(firstId, lastId);
    }

    /**
     * The published articles by ranges of {@code size} ids (ranges without one left out): each range's
     * count and newest change, in one pass over the table.
     */
    public List<PublishedIdRange> publishedIdRanges(int size) {
        return queries.idRanges(size);
    }

    /** One range of {@link #publishedIdRanges}, counted again (a scan of at most {@code size} ids). */
    public PublishedIdRange publishedIdRange(int number, int size) {
        return queries.idRange(number, size);
    }

    /** Articles published at or after {@code since}, newest first: for the news sitemap. */
    public List<ArticleStamp> publishedSince(OffsetDateTime since, int limit) {
        return queries.stampsPublishedSince(since, limit);
    }

    /** When any article last changed (any status: an unpublish changes what readers see too). */
    public Optional<OffsetDateTime> lastChange() {
        return queries.lastChange(); // not kept: drafts change it too, without an event (one index entry read)
    }

    /**
     * When readers last saw a published article change ({@link Article#readerModifiedAt}): the
     * newest of the dates feeds and sitemaps show, never an import's or a workflow move's time.
     * Unpublishes do not count: use {@link #lastChange} for HTTP validators.
     */
    public Optional<OffsetDateTime> lastReaderChange() {
        return queries.lastReaderChange();
    }

    /** Per section id, when its newest-changed published article changed. */
    public Map<Long, OffsetDateTime> lastChangeBySection() {
        return queries.lastChangeBySection();
    }

    /** Per tag id, when its newest-changed published article changed. */
    public Map<Long, OffsetDateTime> lastChangeByTag() {
        return queries.lastChangeByTag();
    }
}
