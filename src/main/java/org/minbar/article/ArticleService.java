package org.minbar.article;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.minbar.taxonomy.Slugs;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and reading articles. Publishes {@link ArticlePublished} and {@link ArticleChanged}. */
@Service
public class ArticleService {

    static final int EXCERPT_LENGTH = 220;

    private final ArticleRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    ArticleService(ArticleRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /** Stores a new article with a sanitized body and returns its id. */
    @Transactional
    public long create(ArticleDraft draft) {
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty() || title.length() > 500) {
            throw new IllegalArgumentException("An article title must have 1 to 500 characters");
        }
        String body = BodySanitizer.sanitize(draft.bodyHtml());
        String excerpt = draft.excerpt() == null || draft.excerpt().isBlank()
                ? BodySanitizer.excerptOf(body, EXCERPT_LENGTH) : draft.excerpt().strip();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime publishedAt = draft.publishedAt() != null ? draft.publishedAt().withOffsetSameInstant(ZoneOffset.UTC)
                : draft.status() == ArticleStatus.PUBLISHED ? now : null;
        long id = repository.insert(Slugs.of(title), title, excerpt, body, draft.status(), blankToNull(draft.sourceLabel()),
                draft.sectionId(), blankToNull(draft.leadImageUrl()), blankToNull(draft.leadImageAlt()), now, publishedAt);
        repository.insertTags(id, draft.tagIds());
        repository.insertContributors(id, draft.contributors());
        if (draft.status() == ArticleStatus.PUBLISHED) {
            events.publishEvent(new ArticlePublished(id));
        }
        return id;
    }

    public Optional<Article> find(long id) {
        return repository.find(id);
    }

    /** The article if readers may see it. */
    public Optional<Article> findPublished(long id) {
        return repository.find(id).filter(Article::published);
    }

    /** The published article that has, or had, this slug. */
    public Optional<Long> publishedIdForSlug(String slug) {
        return repository.publishedIdWithSlug(slug);
    }

    /** The newest published article with exactly this title. */
    public Optional<Long> publishedIdWithTitle(String title) {
        return repository.idWithTitle(title.strip());
    }

    /** Published articles, newest first, optionally in one section and/or with one tag. */
    public List<ArticleSummary> published(Long sectionId, Long tagId, int limit, int offset) {
        return repository.page(sectionId, tagId, limit, offset);
    }

    public long countPublished(Long sectionId, Long tagId) {
        return repository.count(sectionId, tagId);
    }

    /** Published summaries for these ids, in the given order; unknown or unpublished ids are left out. */
    public List<ArticleSummary> summaries(Collection<Long> ids) {
        return repository.summaries(ids);
    }

    /** Newest published articles that share the article's section or tags, more shared tags first. */
    public List<ArticleSummary> sharingSectionOrTags(Article article, int limit) {
        return repository.sharingSectionOrTags(article.id(), article.sectionId(), article.tagIds(), limit);
    }

    /** Gives the article a new slug; the old one keeps answering with a redirect. */
    @Transactional
    public String changeSlug(long id, String slugOrTitle) {
        Article article = repository.find(id).orElseThrow(() -> new IllegalArgumentException("No article " + id));
        String slug = Slugs.of(slugOrTitle);
        if (!slug.equals(article.slug())) {
            repository.changeSlug(id, article.slug(), slug, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            if (article.published()) {
                events.publishEvent(new ArticleChanged(id));
            }
        }
        return slug;
    }

    /** Takes an article off the site; its address then answers 404. */
    @Transactional
    public void unpublish(long id) {
        if (repository.unpublish(id, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))) {
            events.publishEvent(new ArticleUnpublished(id));
        }
    }

    /** Ids of published articles above {@code afterId}, ascending: for walking the whole archive in batches. */
    public List<Long> publishedIdsAfter(long afterId, int limit) {
        return repository.publishedIdsAfter(afterId, limit);
    }

    /** Ids of all articles (any status) changed since the given time: for catching up derived data. */
    public List<Long> idsUpdatedSince(java.time.Instant since) {
        return repository.idsUpdatedSince(since.atOffset(ZoneOffset.UTC));
    }

    /** Published articles with these ids, in one round of queries: for indexing in batches. */
    public List<Article> publishedArticles(List<Long> ids) {
        return ids.stream().map(repository::find).flatMap(java.util.Optional::stream).filter(Article::published).toList();
    }

    /** Lets the site add inline read-also promos to this article, or not. */
    @Transactional
    public void setAutoReadAlso(long id, boolean enabled) {
        repository.setAutoReadAlso(id, enabled, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        if (repository.find(id).map(Article::published).orElse(false)) {
            events.publishEvent(new ArticleChanged(id));
        }
    }

    /** The tag ids of each of these articles. */
    public java.util.Map<Long, List<Long>> tagIds(Collection<Long> articleIds) {
        return repository.tagIds(articleIds);
    }

    public long countAll() {
        return repository.countAll();
    }

    /** Published articles' addresses and times by ascending id, one page of them: for sitemaps. */
    public List<ArticleStamp> publishedStamps(int offset, int limit) {
        return repository.stamps(offset, limit);
    }

    /** Articles published at or after {@code since}, newest first: for the news sitemap. */
    public List<ArticleStamp> publishedSince(OffsetDateTime since, int limit) {
        return repository.stampsPublishedSince(since, limit);
    }

    /** When any article last changed (any status: an unpublish changes what readers see too). */
    public Optional<OffsetDateTime> lastChange() {
        return repository.lastChange();
    }

    /** Per section id, when its newest-changed published article changed. */
    public java.util.Map<Long, OffsetDateTime> lastChangeBySection() {
        return repository.lastChangeBySection();
    }

    /** Per tag id, when its newest-changed published article changed. */
    public java.util.Map<Long, OffsetDateTime> lastChangeByTag() {
        return repository.lastChangeByTag();
    }

    /** Contributors named on published articles, by name, with their article counts. */
    public List<ContributorCount> contributors(int limit, int offset) {
        return repository.contributors(limit, offset);
    }

    public long countContributors() {
        return repository.countContributors();
    }

    public Optional<ContributorCount> contributor(long id) {
        return repository.contributor(id);
    }

    /** A contributor's published articles, newest first. */
    public List<ArticleSummary> publishedByContributor(long contributorId, int limit, int offset) {
        return repository.byContributor(contributorId, limit, offset);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
