package org.minbar.article;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.minbar.system.CleanText;
import org.minbar.taxonomy.Slugs;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writing articles: the one way one is created (the newsroom's and the importers'), saves with
 * optimistic locking and a revision each, autosaves, restores, slugs. Status changes are
 * {@link ArticleWorkflow}'s. Publishes {@link ArticleChanged} when a published article changes.
 */
@Service
public class ArticleEditing {

    static final int EXCERPT_LENGTH = 220;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ArticleRepository repository;
    private final RevisionRepository revisions;
    private final TaxonomyService taxonomy;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    ArticleEditing(ArticleRepository repository, RevisionRepository revisions, TaxonomyService taxonomy,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.revisions = revisions;
        this.taxonomy = taxonomy;
        this.events = events;
    }

    /** A new draft owned by {@code author}; its first revision is this content. */
    @Transactional
    public long createDraft(ArticleEdit edit, String author) {
        return create(edit, null, author, author).id();
    }

    /**
     * The one way an article comes to exist: as a draft, its content cleaned, sanitized and limited,
     * its first revision by {@code revisionAuthor}. {@code slug}: an importer keeping the old site's
     * address (null: from the title). {@code owner}: the newsroom user it belongs to, or null.
     */
    Created create(ArticleEdit edit, String slug, String owner, String revisionAuthor) {
        return create(edit, slug, owner, revisionAuthor, null);
    }

    /** As {@link #create(ArticleEdit, String, String, String)}; {@code sourceModified}: an import's modification date at its source. */
    Created create(ArticleEdit edit, String slug, String owner, String revisionAuthor, OffsetDateTime sourceModified) {
        ArticleEdit clean = clean(edit);
        OffsetDateTime now = now();
        String address = slug == null || slug.isBlank() ? clean.title() : CleanText.title(slug);
        long id = repository.insertDraft(Slugs.of(address), clean, excerptOf(clean), clean.bodyHtml(), owner, now,
                sourceModified == null ? null : sourceModified.withOffsetSameInstant(ZoneOffset.UTC));
        repository.insertTags(id, clean.tagIds()); // a new article has none to replace
        repository.insertContributors(id, clean.contributors());
        revisions.insertRevision(id, revisionAuthor, now, null, JSON.writeValueAsString(clean));
        return new Created(id, clean);
    }

    /** A new draft's id and its content as stored. */
    record Created(long id, ArticleEdit content) {
    }

    /**
     * Saves the editor's content over version {@code expectedVersion} and records a revision. When
     * someone saved in between, nothing is written and {@link EditConflictException} carries both
     * versions. A published article keeps passing the publishing rules. Returns the new version.
     */
    @Transactional
    public int save(long id, ArticleEdit edit, int expectedVersion, String author) {
        return save(id, edit, expectedVersion, author, null, PublishingRules.ALL);
    }

    /** As {@link #save(long, ArticleEdit, int, String)}, checking {@code rules} if the article is published. */
    int save(long id, ArticleEdit edit, int expectedVersion, String author, String note, PublishingRules rules) {
        return save(id, edit, expectedVersion, author, note, rules, null);
    }

    /**
     * As {@link #save(long, ArticleEdit, int, String)}; {@code sourceModified}: a re-import's
     * modification date at its source, the article's change date if readers would see a change
     * (null: now).
     */
    int save(long id, ArticleEdit edit, int expectedVersion, String author, String note, PublishingRules rules,
            OffsetDateTime sourceModified) {
        Article article = require(id);
        ArticleEdit clean = clean(edit);
        if (article.published()) {
            rules.check(id, clean, taxonomy);
        }
        // The address follows the title until the article is first published; after that, links to it must keep working.
        String slug = article.publishedAt() == null ? Slugs.of(clean.title()) : article.slug();
        OffsetDateTime modified = !readersSeeAChange(article, clean) ? null
                : sourceModified != null ? sourceModified.withOffsetSameInstant(ZoneOffset.UTC) : editorialStamp();
        if (!repository.update(id, expectedVersion, slug, clean, excerptOf(clean), clean.bodyHtml(), now(), modified)) {
            throw new EditConflictException(require(id), clean, expectedVersion);
        }
        repository.replaceTagsAndContributors(id, clean.tagIds(), clean.contributors());
        revisions.insertRevision(id, author, now(), note, JSON.writeValueAsString(clean));
        revisions.deleteAutosave(id, author);
        if (article.published()) {
            events.publishEvent(new ArticleChanged(id));
        }
        return expectedVersion + 1;
    }

    /**
     * Whether a save changes what readers see of the article: its text (title, excerpt, body), lead
     * image, source label, section, tags or bylines. SEO fields (shown by search engines, not on the
     * page) and the read-also setting (the site's suggestion, not the newsroom's text) are not an
     * editorial change, nor is a save of the same content.
     */
    private static boolean readersSeeAChange(Article stored, ArticleEdit clean) {
        return !java.util.Objects.equals(stored.title(), clean.title())
                || !java.util.Objects.equals(stored.excerpt(), excerptOf(clean))
                || !java.util.Objects.equals(stored.bodyHtml(), clean.bodyHtml())
                || !java.util.Objects.equals(stored.sourceLabel(), clean.sourceLabel())
                || !java.util.Objects.equals(stored.sectionId(), clean.sectionId())
                || !stored.tagIds().equals(clean.tagIds().stream().distinct().toList())
                || !stored.contributors().equals(clean.contributors())
                || !java.util.Objects.equals(stored.leadImageUrl(), clean.leadImageUrl())
                || !java.util.Objects.equals(stored.leadImageAlt(), clean.leadImageAlt());
    }

    /**
     * The time of an editorial change, to the second as feeds and sitemaps write it, and after every
     * other article's change date: two edits never share an Atom {@code updated} (feed readers and the
     * W3C validator take equal ones for the same version). A burst of edits within one second moves
     * the stamps a few seconds ahead of the clock; a stored date more than a minute ahead (an
     * import's) is not followed.
     */
    private OffsetDateTime editorialStamp() {
        OffsetDateTime stamp = now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Optional<OffsetDateTime> newest = repository.newestModified();
        if (newest.isPresent() && !stamp.isAfter(newest.get()) && newest.get().isBefore(stamp.plusMinutes(1))) {
            stamp = newest.get().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .plusSeconds(1);
        }
        return stamp;
    }

    /** Makes an old revision the current content, as a new revision (history is never rewritten). */
    @Transactional
    public int restore(long id, int number, int expectedVersion, String author) {
        Revision revision = revision(id, number).orElseThrow(() -> new NoSuchArticleException("No revision " + number
                + " of article " + id));
        return save(id, revision.content(), expectedVersion, author, "restored revision " + number, PublishingRules.ALL);
    }

    /** The article as it would be with this content (sanitized like a save), for a preview; nothing is stored. */
    public Article previewOf(Article stored, ArticleEdit edit, List<Long> tagIds) {
        ArticleEdit clean = clean(edit);
        OffsetDateTime now = now();
        return new Article(stored.id(), stored.slug(), clean.title(), excerptOf(clean), clean.bodyHtml(), stored.status(),
                clean.sourceLabel(), clean.sectionId(), tagIds, clean.contributors(), clean.leadImageUrl(),
                clean.leadImageAlt(), stored.createdAt(), now, stored.publishedAt() == null ? now : stored.publishedAt(),
                clean.autoReadAlso(), clean.seoTitle(), clean.seoDescription(), clean.leadMediaId(), stored.createdBy(),
                stored.featuredAt(), stored.version(), now);
    }

    /** Gives the article a new slug; the old one keeps answering with a redirect. */
    @Transactional
    public String changeSlug(long id, String slugOrTitle) {
        Article article = require(id);
        String slug = Slugs.of(CleanText.title(slugOrTitle));
        if (!slug.equals(article.slug())) {
            repository.changeSlug(id, article.slug(), slug, now());
            if (article.published()) {
                events.publishEvent(new ArticleChanged(id));
            }
        }
        return slug;
    }

    /** Lets the site add inline read-also promos to this article, or not. */
    @Transactional
    public void setAutoReadAlso(long id, boolean enabled) {
        Article article = require(id);
        repository.setAutoReadAlso(id, enabled, now());
        if (article.published()) {
            events.publishEvent(new ArticleChanged(id));
        }
    }

    /** Keeps the editor's unsaved content of one user; not a revision, never shown to readers. */
    @Transactional
    public void autosave(long id, ArticleEdit edit, int baseVersion, String author) {
        require(id);
        revisions.saveAutosave(id, author, now(), baseVersion, JSON.writeValueAsString(edit));
    }

    public Optional<Autosave> autosave(long id, String author) {
        return revisions.autosave(id, author, ArticleEditing::readEdit);
    }

    @Transactional
    public void discardAutosave(long id, String author) {
        revisions.deleteAutosave(id, author);
    }

    /** Every save of the article, newest first. */
    public List<Revision> revisions(long id) {
        return revisions.revisions(id, ArticleEditing::readEdit);
    }

    public Optional<Revision> revision(long id, int number) {
        return revisions.revision(id, number, ArticleEditing::readEdit);
    }

    /** Any article, in any status. */
    public Optional<Article> find(long id) {
        return repository.find(id);
    }

    /** Articles for the newsroom's list, any status, most recently changed first. */
    /** Ids of articles of any status above {@code afterId}, ascending: for walking every article in batches (exports). */
    public List<Long> idsAfter(long afterId, int limit) {
        return repository.idsAfter(afterId, limit);
    }

    public List<NewsroomRow> newsroomList(ArticleStatus status, Long sectionId, String createdBy, String titleQuery,
            int limit, int offset) {
        return repository.newsroomList(status, sectionId, CleanText.blankToNull(createdBy), CleanText.blankToNull(titleQuery),
                limit, offset);
    }

    /** All articles, in any status. */
    public long countAll() {
        return repository.countAll();
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
                        .filter(c -> c.name() != null)
                        .map(c -> new Contributor(CleanText.title(c.name()), c.roles()))
                        .filter(c -> !c.name().isBlank() && c.roles() != null && !c.roles().isEmpty())
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
        String value = CleanText.blankToNull(url);
        return value != null && (value.startsWith("/media/") || value.startsWith("https://")) && value.length() <= 1000
                && !value.contains("\"") && !value.contains("<") ? value : null;
    }

    private static String excerptOf(ArticleEdit clean) {
        return clean.excerpt() == null ? CleanText.title(BodySanitizer.excerptOf(clean.bodyHtml(), EXCERPT_LENGTH)) : clean.excerpt();
    }

    private static String limit(String value, int max) {
        String v = CleanText.blankToNull(value);
        return v == null ? null : v.length() > max ? v.substring(0, max) : v;
    }

    static ArticleEdit readEdit(String json) {
        return JSON.readValue(json, ArticleEdit.class);
    }

    private Article require(long id) {
        return repository.find(id).orElseThrow(() -> NoSuchArticleException.article(id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
