package org.minbar.article;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.minbar.system.CleanText;
import org.minbar.taxonomy.SectionKind;
import org.springframework.beans.factory.ObjectProvider;
import org.minbar.taxonomy.Slugs;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Creating and reading articles. Publishes {@link ArticlePublished} and {@link ArticleChanged}. */
@Service
public class ArticleService {

    static final int EXCERPT_LENGTH = 220;

    /** The audit log's action when a scheduled article was not published because it broke the publishing rules. */
    public static final String PUBLISH_BLOCKED = "article-publish-blocked";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ArticleRepository repository;
    private final ApplicationEventPublisher events;
    // Looked up when needed: the scheduler knows every job, and some jobs (the newsletter's) use this service.
    private final ObjectProvider<SchedulerClient> jobs;
    private final OneTimeTask<Void> publishTask;
    private final Clock clock = Clock.systemUTC();

    private final TaxonomyService taxonomy;

    ArticleService(ArticleRepository repository, ApplicationEventPublisher events, ObjectProvider<SchedulerClient> jobs,
            OneTimeTask<Void> publishArticleTask, TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
        this.repository = repository;
        this.events = events;
        this.jobs = jobs;
        this.publishTask = publishArticleTask;
    }

    /** Stores a new article with a sanitized body and returns its id. */
    @Transactional
    public long create(ArticleDraft draft) {
        return create(draft, null);
    }

    /**
     * Stores a new article under the given slug (an importer keeping the old site's slug; null: from
     * the title) and returns its id.
     */
    @Transactional
    public long create(ArticleDraft draft, String slug) {
        // Importers come in here: their text is cleaned like the editor's (see CleanText).
        String title = cleanTitle(draft.title());
        String body = BodySanitizer.sanitize(draft.bodyHtml());
        String givenExcerpt = blankToNull(CleanText.title(draft.excerpt()));
        String excerpt = givenExcerpt == null ? CleanText.title(BodySanitizer.excerptOf(body, EXCERPT_LENGTH)) : givenExcerpt;
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime publishedAt = draft.publishedAt() != null ? draft.publishedAt().withOffsetSameInstant(ZoneOffset.UTC)
                : draft.status() == ArticleStatus.PUBLISHED ? now : null;
        long id = repository.insert(Slugs.of(slug == null || slug.isBlank() ? title : CleanText.title(slug)), title, excerpt, body,
                draft.status(), blankToNull(CleanText.title(draft.sourceLabel())), draft.sectionId(),
                blankToNull(CleanText.text(draft.leadImageUrl())), blankToNull(CleanText.text(draft.leadImageAlt())), now, publishedAt);
        repository.insertTags(id, draft.tagIds());
        repository.insertContributors(id, draft.contributors().stream().filter(c -> c.name() != null)
                .map(c -> new Contributor(CleanText.title(c.name()).strip(), c.roles())).filter(c -> !c.name().isEmpty()).toList());
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
        return repository.idWithTitle(CleanText.title(title).strip());
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
        String slug = Slugs.of(CleanText.title(slugOrTitle));
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

    /**
     * Features an article (it leads the home page while published; the most recently featured
     * wins) or clears the mark. Returns false when it was already so. A change is an
     * {@link ArticleChanged}: the cached home page shows the lead story.
     */
    @Transactional
    public boolean feature(long id, boolean featured) {
        require(id);
        boolean changed = repository.setFeatured(id, featured ? now() : null);
        if (changed) {
            events.publishEvent(new ArticleChanged(id));
        }
        return changed;
    }

    /** Published featured articles, the most recently featured first. */
    public List<ArticleSummary> featured(int limit) {
        return repository.featured(limit);
    }

    /** Ids of published articles above {@code afterId}, ascending: for walking the whole archive in batches. */
    public List<Long> publishedIdsAfter(long afterId, int limit) {
        return repository.publishedIdsAfter(afterId, limit);
    }

    /** Ids of all articles (any status) changed since the given time: for catching up derived data. */
    public List<Long> idsUpdatedSince(java.time.Instant since) {
        return repository.idsUpdatedSince(since.atOffset(ZoneOffset.UTC));
    }

    /** Published articles with these ids, in their order: three queries per 500 ids (rows, tags, contributors), for indexing in batches. */
    public List<Article> publishedArticles(List<Long> ids) {
        return repository.findAll(ids).stream().filter(Article::published).toList();
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

    // ---------------------------------------------------------------- newsroom: editing

    /** A new draft owned by {@code author}; its first revision is this content. */
    @Transactional
    public long createDraft(ArticleEdit edit, String author) {
        ArticleEdit clean = clean(edit);
        OffsetDateTime now = now();
        long id = repository.insertDraft(Slugs.of(clean.title()), clean, excerptOf(clean), clean.bodyHtml(), author, now);
        repository.replaceTagsAndContributors(id, clean.tagIds(), clean.contributors());
        repository.insertRevision(id, author, now, null, JSON.writeValueAsString(clean));
        return id;
    }

    /**
     * Saves the editor's content over version {@code expectedVersion} and records a revision. When
     * someone saved in between, nothing is written and {@link EditConflictException} carries both
     * versions. Returns the new version.
     */
    @Transactional
    public int save(long id, ArticleEdit edit, int expectedVersion, String author) {
        return save(id, edit, expectedVersion, author, null);
    }

    private int save(long id, ArticleEdit edit, int expectedVersion, String author, String note) {
        Article article = require(id);
        ArticleEdit clean = clean(edit);
        // The address follows the title until the article is first published; after that, links to it must keep working.
        String slug = article.publishedAt() == null ? Slugs.of(clean.title()) : article.slug();
        String missingAlt = requireAltText(clean);
        if (article.published() && missingAlt != null) {
            throw new WorkflowException("A published article's images need alt text", missingAlt);
        }
        if (!repository.update(id, expectedVersion, slug, clean, excerptOf(clean), clean.bodyHtml(), now())) {
            throw new EditConflictException(require(id), clean, expectedVersion);
        }
        repository.replaceTagsAndContributors(id, clean.tagIds(), clean.contributors());
        repository.insertRevision(id, author, now(), note, JSON.writeValueAsString(clean));
        repository.deleteAutosave(id, author);
        if (article.published()) {
            events.publishEvent(new ArticleChanged(id));
        }
        return expectedVersion + 1;
    }

    /** The article as it would be with this content (sanitized like a save), for a preview; nothing is stored. */
    public Article previewOf(Article stored, ArticleEdit edit, List<Long> tagIds) {
        ArticleEdit clean = clean(edit);
        OffsetDateTime now = now();
        return new Article(stored.id(), stored.slug(), clean.title(), excerptOf(clean), clean.bodyHtml(), stored.status(),
                clean.sourceLabel(), clean.sectionId(), tagIds, clean.contributors(), clean.leadImageUrl(),
                clean.leadImageAlt(), stored.createdAt(), now, stored.publishedAt() == null ? now : stored.publishedAt(),
                clean.autoReadAlso(), clean.seoTitle(), clean.seoDescription(), clean.leadMediaId(), stored.createdBy(),
                stored.featuredAt(), stored.version());
    }

    /** Keeps the editor's unsaved content of one user; not a revision, never shown to readers. */
    @Transactional
    public void autosave(long id, ArticleEdit edit, int baseVersion, String author) {
        require(id);
        repository.saveAutosave(id, author, now(), baseVersion, JSON.writeValueAsString(edit));
    }

    public Optional<Autosave> autosave(long id, String author) {
        return repository.autosave(id, author, ArticleService::readEdit);
    }

    @Transactional
    public void discardAutosave(long id, String author) {
        repository.deleteAutosave(id, author);
    }

    /** Every save of the article, newest first. */
    public List<Revision> revisions(long id) {
        return repository.revisions(id, ArticleService::readEdit);
    }

    public Optional<Revision> revision(long id, int number) {
        return repository.revision(id, number, ArticleService::readEdit);
    }

    /** Makes an old revision the current content, as a new revision (history is never rewritten). */
    @Transactional
    public int restore(long id, int number, int expectedVersion, String author) {
        Revision revision = revision(id, number).orElseThrow(() -> new IllegalArgumentException("No revision " + number
                + " of article " + id));
        return save(id, revision.content(), expectedVersion, author, "restored revision " + number);
    }

    /** Articles for the newsroom's list, any status, most recently changed first. */
    public List<NewsroomRow> newsroomList(ArticleStatus status, Long sectionId, String createdBy, String titleQuery,
            int limit, int offset) {
        String query = titleQuery == null || titleQuery.isBlank() ? null : titleQuery.strip();
        return repository.newsroomList(status, sectionId, blankToNull(createdBy), query, limit, offset);
    }

    // ---------------------------------------------------------------- newsroom: workflow

    /** Draft → submitted (for an editor to review). */
    @Transactional
    public void submit(long id) {
        move(id, List.of(ArticleStatus.DRAFT), ArticleStatus.SUBMITTED, null);
    }

    /** Draft, submitted, scheduled or unpublished → published now. */
    @Transactional
    public void publish(long id) {
        Article article = require(id);
        checkPublishable(article);
        move(id, List.of(ArticleStatus.DRAFT, ArticleStatus.SUBMITTED, ArticleStatus.SCHEDULED, ArticleStatus.UNPUBLISHED),
                ArticleStatus.PUBLISHED, article.publishedAt() == null || article.status() == ArticleStatus.SCHEDULED ? now() : null);
        cancelScheduledPublishing(id);
        events.publishEvent(new ArticlePublished(id));
    }

    /**
     * The scheduled-publishing job's step, run inside its transaction: publishes the article when it
     * is still scheduled and due and passes the same rules as {@link #publish} (alt text, an image-led
     * section's image, a title). Content saved after scheduling can break them; then the article is
     * not published but goes back to submitted (the editors' queue), and the Arabic reason is returned
     * for the audit log and the newsroom. Empty when the article was published or no longer due.
     */
    Optional<String> publishScheduled(long id) {
        Optional<Article> found = repository.find(id).filter(a -> a.status() == ArticleStatus.SCHEDULED);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            checkPublishable(found.get());
        } catch (WorkflowException refused) {
            repository.transition(id, List.of(ArticleStatus.SCHEDULED), ArticleStatus.SUBMITTED, null, now());
            return Optional.of(refused.arabicMessage());
        }
        // Only if still scheduled and due: an editor may have unpublished or rescheduled it since.
        if (repository.publishScheduled(id, now())) {
            events.publishEvent(new ArticlePublished(id));
        }
        return Optional.empty();
    }

    /** Draft, submitted or unpublished → published at {@code at} by a persistent job (also across restarts). */
    @Transactional
    public void schedule(long id, OffsetDateTime at) {
        Article article = require(id);
        checkPublishable(article);
        if (!at.isAfter(OffsetDateTime.now(clock))) {
            throw new WorkflowException("The publishing time " + at + " is not in the future", "وقت النشر المجدول يجب أن يكون في المستقبل.");
        }
        move(id, List.of(ArticleStatus.DRAFT, ArticleStatus.SUBMITTED, ArticleStatus.UNPUBLISHED, ArticleStatus.SCHEDULED),
                ArticleStatus.SCHEDULED, at.withOffsetSameInstant(ZoneOffset.UTC));
        cancelScheduledPublishing(id);
        jobs.getObject().schedule(publishTask.instance(Long.toString(id)), at.toInstant());
    }

    /** Submitted, scheduled or unpublished → draft again. */
    @Transactional
    public void backToDraft(long id) {
        move(id, List.of(ArticleStatus.SUBMITTED, ArticleStatus.SCHEDULED, ArticleStatus.UNPUBLISHED), ArticleStatus.DRAFT, null);
        cancelScheduledPublishing(id);
    }

    /** Deletes the article, its revisions and links; readers get 404 (and the index forgets it). */
    @Transactional
    public void delete(long id) {
        Article article = require(id);
        cancelScheduledPublishing(id);
        repository.delete(id);
        if (article.published()) {
            events.publishEvent(new ArticleUnpublished(id));
        }
    }

    private void cancelScheduledPublishing(long id) {
        TaskInstanceId job = TaskInstanceId.of(ScheduledPublishing.TASK, Long.toString(id));
        if (jobs.getObject().getScheduledExecution(job).isPresent()) {
            jobs.getObject().cancel(job);
        }
    }

    private void move(long id, List<ArticleStatus> from, ArticleStatus to, OffsetDateTime publishedAt) {
        Article article = require(id);
        if (!repository.transition(id, from, to, publishedAt, now())) {
            throw new WorkflowException("Article " + id + " cannot go from " + article.status() + " to " + to,
                    "لا يمكن نقل المقال من حالة «" + article.status().arabicName() + "» إلى «" + to.arabicName() + "».");
        }
    }

    private void checkPublishable(Article article) {
        String missingAlt = requireAltText(ArticleEdit.of(article));
        if (missingAlt != null) {
            throw new WorkflowException("Article " + article.id() + " has an image without alt text", missingAlt);
        }
        boolean imageLed = article.sectionId() != null && taxonomy.section(article.sectionId())
                .map(section -> section.kind() == SectionKind.IMAGE_LED).orElse(false);
        if (imageLed && article.leadImageUrl() == null) {
            throw new WorkflowException("Article " + article.id() + " is in an image-led section but has no image",
                    "مقال القسم المصوّر (الكاريكاتير) صورةٌ مع تعليقها: اختر صورة رئيسية قبل النشر.");
        }
        if (article.title() == null || article.title().isBlank()) {
            throw new WorkflowException("Article " + article.id() + " has no title", "لا يُنشر مقال بلا عنوان.");
        }
    }

    /** Why the content cannot be published for want of alt text, or null. */
    private static String requireAltText(ArticleEdit edit) {
        if (edit.leadImageUrl() != null && (edit.leadImageAlt() == null || edit.leadImageAlt().isBlank())) {
            return "أضف نصاً بديلاً (alt) للصورة الرئيسية قبل النشر.";
        }
        if (BodySanitizer.hasImageWithoutAlt(edit.bodyHtml())) {
            return "أضف نصاً بديلاً (alt) لكل صورة في متن المقال قبل النشر.";
        }
        return null;
    }

    /**
     * The editor's content as it is stored: characters XML does not allow are removed everywhere, and
     * bidi overrides from every line shown as such (title, excerpt, source label, bylines, SEO fields)
     * too; the body keeps them (see {@link CleanText}).
     */
    private static ArticleEdit clean(ArticleEdit edit) {
        String title = cleanTitle(edit.title());
        return new ArticleEdit(title, BodySanitizer.sanitize(edit.bodyHtml()), limit(CleanText.title(edit.excerpt()), 2000),
                limit(CleanText.title(edit.sourceLabel()), 200), edit.sectionId(), edit.tagIds(), edit.contributors().stream()
                        .map(c -> new Contributor(CleanText.title(c.name()), c.roles()))
                        .filter(c -> c.name() != null && !c.name().isBlank() && !c.roles().isEmpty())
                        .map(c -> new Contributor(limit(c.name(), 200), c.roles())).toList(),
                safeImageUrl(CleanText.text(edit.leadImageUrl())), limit(CleanText.text(edit.leadImageAlt()), 500),
                edit.leadMediaId(), limit(CleanText.title(edit.seoTitle()), 300),
                limit(CleanText.title(edit.seoDescription()), 500), edit.autoReadAlso());
    }

    private static String cleanTitle(String raw) {
        String title = raw == null ? "" : CleanText.title(raw).strip();
        if (title.isEmpty() || title.length() > 500) {
            throw new IllegalArgumentException("An article title must have 1 to 500 characters");
        }
        return title;
    }

    /** Lead images are our own media or https addresses; anything else (javascript:, data:) is dropped. */
    private static String safeImageUrl(String url) {
        String value = blankToNull(url);
        return value != null && (value.startsWith("/media/") || value.startsWith("https://")) && value.length() <= 1000
                && !value.contains("\"") && !value.contains("<") ? value : null;
    }

    private static String excerptOf(ArticleEdit clean) {
        return clean.excerpt() == null ? CleanText.title(BodySanitizer.excerptOf(clean.bodyHtml(), EXCERPT_LENGTH)) : clean.excerpt();
    }

    private static String limit(String value, int max) {
        String v = blankToNull(value);
        return v == null ? null : v.length() > max ? v.substring(0, max) : v;
    }

    private static ArticleEdit readEdit(String json) {
        return JSON.readValue(json, ArticleEdit.class);
    }

    private Article require(long id) {
        return repository.find(id).orElseThrow(() -> new IllegalArgumentException("No article " + id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
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
