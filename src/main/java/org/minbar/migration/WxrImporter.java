package org.minbar.migration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minbar.article.Article;
import org.minbar.article.ArticleDraft;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleImport;
import org.minbar.article.ArticleWorkflow;
import org.minbar.article.ArticleStatus;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.media.MediaItem;
import org.minbar.media.MediaRejectedException;
import org.minbar.media.MediaService;
import org.minbar.newsroom.NewsroomAccounts;
import org.minbar.system.SystemProperties;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.Slugs;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.SavepointManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a WordPress export. The file is read twice as a stream: first for its attachments (so a
 * featured image listed after its post is found), then for the posts, each in its own transaction.
 * Re-running updates what an earlier run imported (keyed on the site URL and the post id).
 */
@Service
class WxrImporter {

    static final String IMPORTER = "wordpress-import";
    /** Post meta written by {@link WxrExporter} so that every contributor and role survives a round trip. */
    static final String CONTRIBUTORS_META = "_minbar_contributors";

    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern UPLOAD_URL = Pattern.compile(
            "(?:(?:https?:)?//[^\"'\\s<>()]+?)?/wp-content/uploads/([^\"'\\s<>()?#]+)");
    private static final Pattern SIZE_SUFFIX = Pattern.compile("-\\d+x\\d+(\\.[A-Za-z0-9]+)$");

    /** An attachment item: its file below {@code wp-content/uploads}, alt text and title. */
    record Attachment(String uploadPath, String alt, String title, long parent) {
    }

    /**
     * How to import. {@code mediaDir}: a copy of {@code wp-content/uploads}, or null;
     * {@code createUsers}: also make the authors newsroom accounts (disabled, without a known password).
     */
    record Options(Path mediaDir, boolean dryRun, boolean createUsers) {
        Options(Path mediaDir, boolean dryRun) {
            this(mediaDir, dryRun, false);
        }
    }

    /**
     * Where an import stands, for an import that must survive a crash: the items an interrupted
     * run already imported, and each batch's position, written in the batch's own transaction so
     * that the position and the posts are committed together.
     */
    interface Journal {
        Journal NONE = new Journal() {
        };

        /** Items of the file (of any type, in file order) already imported by an interrupted run. */
        default long itemsDone() {
            return 0;
        }

        /** Called inside a batch's transaction, after its posts: the first {@code items} items are done. */
        default void batch(long items, WxrReport report) {
        }

        /** True when the import should stop after its current batch (the site is stopping). */
        default boolean stopRequested() {
            return false;
        }
    }

    /** Thrown when the journal asked the import to stop; everything up to the last batch is committed. */
    static final class Stopped extends RuntimeException {
        Stopped(long items) {
            super("stopped after " + items + " items; the rest is imported when the import resumes");
        }
    }

    /**
     * Posts per transaction. A commit per post made the commits (and, where writes are made
     * durable, their syncs) the import's main cost; a failing post still leaves nothing behind, as
     * it is rolled back to its own savepoint. A batch also ends after {@link #BATCH_TIME}, so the
     * position of an import that is stopped or crashes is never far behind.
     */
    static final int BATCH_POSTS = 400;
    static final long BATCH_TIME = 2_000_000_000L;

    private final ArticleEditing editing;
    private final ArticleWorkflow workflow;
    private final ArticleImport imports;
    private final TaxonomyService taxonomy;
    private final MediaService media;
    private final WordpressLinks links;
    private final NewsroomAccounts accounts;
    private final PlatformTransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final ZoneId zone;

    WxrImporter(ArticleEditing editing, ArticleWorkflow workflow, ArticleImport imports, TaxonomyService taxonomy, MediaService media, WordpressLinks links,
            NewsroomAccounts accounts, PlatformTransactionManager transactionManager,
            SystemProperties properties) {
        this.accounts = accounts;
        this.editing = editing;
        this.workflow = workflow;
        this.imports = imports;
        this.taxonomy = taxonomy;
        this.media = media;
        this.links = links;
        this.transactionManager = transactionManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.zone = properties.site().timeZone();
    }

    /**
     * Imports the file, recording what happens in {@code report} (and calling {@code onProgress}
     * after each item). A malformed file throws {@link MalformedWxrException} before anything is written.
     */
    void run(Path file, Options options, WxrReport report, Runnable onProgress) throws IOException {
        run(file, options, report, onProgress, Journal.NONE);
    }

    /**
     * Imports the file as {@link #run(Path, Options, WxrReport, Runnable)} does, skipping the items
     * an interrupted run already imported ({@link Journal#itemsDone()}) and recording in
     * {@code journal}, inside each batch's transaction, how far the import got. Throws
     * {@link Stopped} after the last batch when the journal asks it to stop.
     */
    void run(Path file, Options options, WxrReport report, Runnable onProgress, Journal journal) throws IOException {
        long total = Files.size(file);
        Map<Long, Attachment> attachments = new LinkedHashMap<>();
        // First pass: checks the whole file is well-formed before writing anything, and finds the attachments.
        WxrReader.read(file, new WxrReader.Listener() {
            @Override
            public void item(WxrItem item) {
                if ("attachment".equals(item.postType())) {
                    attachments.put(item.postId(), new Attachment(uploadPath(item), item.meta("_wp_attachment_image_alt"),
                            item.title(), item.postParent()));
                }
            }

            @Override
            public void progress(long bytesRead) {
                report.progress(bytesRead / 2, total);
                onProgress.run();
            }
        });
        Run run = new Run(options, report, attachments, journal, file);
        WxrReader.read(file, new WxrReader.Listener() {
            @Override
            public void channel(WxrChannel channel) {
                run.start(channel);
            }

            @Override
            public void strayText(long line, long column) {
                report.strayText(run.where(line, column));
            }

            @Override
            public void item(WxrItem item) {
                run.item(item);
            }

            @Override
            public void progress(long bytesRead) {
                report.progress(total / 2 + bytesRead / 2, total);
                onProgress.run();
            }
        });
        run.commitBatch();
        report.progress(total, total);
    }

    private static String uploadPath(WxrItem item) {
        String attached = item.meta("_wp_attached_file");
        if (attached != null && !attached.isBlank()) {
            return attached.strip();
        }
        Matcher m = UPLOAD_URL.matcher(item.attachmentUrl() == null ? "" : item.attachmentUrl());
        return m.find() ? decode(m.group(1)) : null;
    }

    /** One import: the state that lives as long as the file is read. */
    private final class Run {
        private final Options options;
        private final WxrReport report;
        private final Map<Long, Attachment> attachments;
        private String site = "";
        private final Map<String, String> authorNames = new HashMap<>();
        private final Map<String, WxrChannel.Category> categories = new HashMap<>();
        private final Map<String, Long> sectionIds = new HashMap<>();
        /** Tags already created or found in this run, by WordPress slug and name; emptied with sectionIds. */
        private final Map<String, Long> knownTagIds = new HashMap<>();
        /** The post being imported, named in reports of missing files. */
        private long currentPost = -1;
        /** A gallery's images: an attachment's, or (for {@code [gallery]} without ids) those attached to the current post. */
        private final WordpressBody.Galleries galleries = new WordpressBody.Galleries() {
            @Override
            public String image(long attachmentId) {
                return galleryImage(attachmentId);
            }

            @Override
            public List<Long> attachedToPost() {
                return attachments.entrySet().stream().filter(a -> a.getValue().parent() == currentPost && currentPost > 0)
                        .map(Map.Entry::getKey).toList();
            }
        };
        private final Journal journal;
        /** Items (of any type) read so far in the second pass. */
        private long items;
        /** The open batch's transaction, or null; its posts, and when it began. */
        private TransactionStatus batch;
        private int batchPosts;
        private long batchStarted;

        private final Path file;

        Run(Options options, WxrReport report, Map<Long, Attachment> attachments, Journal journal, Path file) {
            this.options = options;
            this.report = report;
            this.attachments = attachments;
            this.journal = journal;
            this.file = file;
        }

        /** A position in the file, as every failure names it: {@code file:line:column}. */
        String where(long line, long column) {
            return file + ":" + line + ":" + column;
        }

        /** Commits (or, in a dry run, rolls back) the open batch with the position reached. */
        void commitBatch() {
            if (batch == null) {
                return;
            }
            TransactionStatus status = batch;
            batch = null;
            batchPosts = 0;
            try {
                if (options.dryRun()) {
                    transactionManager.rollback(status);
                } else {
                    journal.batch(items, report);
                    transactionManager.commit(status);
                }
            } catch (RuntimeException e) {
                if (!status.isCompleted()) {
                    transactionManager.rollback(status);
                }
                forgetTerms();
                throw e; // the posts of this batch are not there: stop, and resume from the last batch
            }
        }

        /**
         * Runs {@code work} after a savepoint of the batch's transaction, rolled back to it when
         * {@code work} throws. A savepoint of the JDBC transaction object, not a NESTED transaction:
         * Spring tells every registered synchronization of a NESTED savepoint, sorting them first,
         * and a batch collects a dozen per post (one per event and listener), which took a tenth of
         * the import's time. No synchronization Spring or Minbar registers acts on savepoints.
         */
        private <T> T inSavepoint(Supplier<T> work) {
            SavepointManager transaction = (SavepointManager) ((DefaultTransactionStatus) batch).getTransaction();
            Object savepoint = transaction.createSavepoint();
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                transaction.rollbackToSavepoint(savepoint); // also clears the rollback-only mark the failed call left
                transaction.releaseSavepoint(savepoint);
                throw e;
            }
            transaction.releaseSavepoint(savepoint);
            return result;
        }

        private void openBatch() {
            if (batch == null) {
                batch = transactionManager.getTransaction(new DefaultTransactionDefinition());
                batchStarted = System.nanoTime();
            }
        }

        /**
         * Runs {@code work} in its own transaction, rolled back on a dry run, so that a dry run runs
         * exactly what the real run would and reports the same failures (at {@code where}).
         */
        private boolean attempt(String where, String what, Runnable work) {
            try {
                transactions.executeWithoutResult(status -> {
                    work.run();
                    if (options.dryRun()) {
                        status.setRollbackOnly();
                    }
                });
                return true;
            } catch (RuntimeException e) {
                if (!options.dryRun()) {
                    forgetTerms();
                }
                report.failed(where + ": " + what + ": " + reason(e));
                return false;
            }
        }

        void start(WxrChannel channel) {
            site = channel.siteKey();
            channel.authors().forEach(a -> authorNames.put(a.login(), a.displayName().isBlank() ? a.login() : a.displayName()));
            channel.categories().forEach(c -> categories.put(decode(c.nicename()), c));
            if (options.createUsers()) {
                createUsers(channel.authors());
            }
            // Sections and tags come over even when no post uses them (an export then lists them again);
            // each in its own transaction, so that one refused term is reported and the others still come.
            for (WxrChannel.Category c : channel.categories()) {
                attempt(where(c.line(), c.column()), "category \"" + c.name() + "\" (" + c.nicename() + ")",
                        () -> sectionId(decode(c.nicename()), 0));
            }
            for (WxrChannel.TagTerm t : channel.tags()) {
                if (!t.name().isBlank()) {
                    attempt(where(t.line(), t.column()), "tag \"" + t.name() + "\" (" + t.slug() + ")", () -> tagId(t.slug(), t.name()));
                }
            }
        }

        /** The tag of a WordPress tag, created with WordPress's slug when that is free, and remembered for its old address. */
        private long tagId(String wordpressSlug, String name) {
            String slug = decode(wordpressSlug == null ? "" : wordpressSlug).strip();
            String key = slug + '\n' + name;
            Long known = knownTagIds.get(key);
            if (known != null) {
                return known; // most posts repeat tags already seen: four queries fewer for each
            }
            long id = taxonomy.ensureTag(slug.isEmpty() ? null : keptSlug(slug, name), name).id();
            if (!slug.isEmpty()) {
                links.saveTerm(site, "post_tag", slug, id);
            }
            if (!options.dryRun()) {
                knownTagIds.put(key, id);
            }
            return id;
        }

        /** Newsroom accounts for the authors: disabled writers whose password nobody knows. */
        private void createUsers(List<WxrChannel.Author> authors) {
            for (WxrChannel.Author author : authors) {
                if (author.login() == null || author.login().isBlank()) {
                    continue;
                }
                String display = author.displayName().isBlank() ? author.login() : author.displayName();
                if (options.dryRun()) {
                    String username = NewsroomAccounts.usernameFor(author.login());
                    if (accounts.exists(username)) {
                        report.userExisting(username);
                    } else {
                        report.userCreated(username);
                    }
                } else {
                    accounts.addImportedAuthor(author.login(), display).ifPresentOrElse(report::userCreated,
                            () -> report.userExisting(NewsroomAccounts.usernameFor(author.login())));
                }
            }
        }

        void item(WxrItem item) {
            if (items >= journal.itemsDone() && journal.stopRequested()) {
                commitBatch();
                throw new Stopped(items);
            }
            items++;
            if (items <= journal.itemsDone()) {
                return; // imported before the interruption; its counts were restored with the position
            }
            if ("attachment".equals(item.postType())) {
                report.attachment();
                return;
            }
            if (!"post".equals(item.postType())) {
                report.skipped("post type '" + item.postType() + "' (only posts are imported)");
                return;
            }
            if (List.of("trash", "auto-draft", "inherit").contains(item.status())) {
                report.skipped("status '" + item.status() + "'");
                return;
            }
            report.comments(item.comments());
            if (item.postId() == 0) {
                report.failed("%s: post \"%s\": has no wp:post_id, guid or link, so a re-import could not find it again"
                        .formatted(where(item.line(), item.column()), item.title()));
                return;
            }
            openBatch();
            try {
                String outcome = inSavepoint(() -> importPost(item));
                switch (outcome) {
                    case "created" -> report.created(item.postId());
                    case "updated" -> report.updated(item.postId());
                    default -> report.skipped(outcome);
                }
                if (item.sticky()) {
                    report.stickyPost();
                }
                if (item.passwordProtected()) {
                    report.passwordProtected(item.label() + " \"" + item.title() + "\"");
                }
            } catch (RuntimeException e) {
                if (!options.dryRun()) {
                    // A section or tag created for the failed post went away with its savepoint.
                    forgetTerms();
                }
                report.failed("%s: %s \"%s\": %s".formatted(where(item.line(), item.column()), item.label(), item.title(), reason(e)));
            }
            if (++batchPosts >= BATCH_POSTS || System.nanoTime() - batchStarted >= BATCH_TIME) {
                commitBatch();
            }
        }

        /** Imports one post inside the current transaction; returns "created", "updated" or why it was skipped. */
        private String importPost(WxrItem item) {
            currentPost = item.postId();
            String hash = hash(item);
            Optional<WordpressLinks.ImportedPost> earlier = links.post(site, item.postId());
            Optional<Article> existing = earlier.flatMap(p -> editing.find(p.articleId()));
            if (existing.isPresent() && earlier.get().contentHash().equals(hash)) {
                return "unchanged since the last import";
            }
            // Cleaned first (the article service cleans again): a title of control characters only is untitled.
            String cleanTitle = org.minbar.system.CleanText.title(item.title());
            String title = cleanTitle.isBlank() ? "(بلا عنوان)" : cleanTitle.strip();
            WordpressBody.Converted converted = WordpressBody.convert(item.content(), galleries);
            converted.unknownShortcodes().forEach(report::unknownShortcode);
            if (converted.emptyGalleries() > 0) {
                report.emptyGallery(item.label() + " \"" + title + "\"");
            }
            String body = rewriteUploads(converted.html());
            Long sectionId = null;
            List<Long> tagIds = new ArrayList<>();
            for (WxrItem.Term term : item.terms()) {
                if ("category".equals(term.domain())) {
                    if (sectionId == null) {
                        sectionId = sectionId(decode(term.nicename()), 0);
                        if (sectionId == null) {
                            sectionId = taxonomy.ensureSection(slugOf(term.nicename(), term.name()), term.name().strip(),
                                    SectionKind.NEWS).id();
                            if (!term.nicename().isBlank()) {
                                links.saveTerm(site, "category", decode(term.nicename()).strip(), sectionId);
                            }
                        }
                    } else if (!term.name().isBlank()) {
                        // Minbar files an article in one section; further categories are kept as tags.
                        tagIds.add(taxonomy.ensureTag(term.name()).id());
                    }
                } else if ("post_tag".equals(term.domain()) && !term.name().isBlank()) {
                    tagIds.add(tagId(term.nicename(), term.name()));
                }
            }
            List<Contributor> contributors = contributors(item);
            String leadUrl = null;
            String leadAlt = null;
            String thumbnail = item.meta("_thumbnail_id");
            if (thumbnail != null && !thumbnail.isBlank()) {
                Attachment attachment = attachments.get(Long.parseLong(thumbnail.strip()));
                if (attachment == null || attachment.uploadPath() == null) {
                    report.missingMedia("featured image (attachment " + thumbnail.strip() + ") of post " + item.postId()
                            + " is not in the export");
                } else {
                    leadUrl = mediaUrl(attachment.uploadPath()).orElse(null);
                    leadAlt = firstNonBlank(attachment.alt(), attachment.title());
                }
            }
            String excerpt = item.excerpt() == null || item.excerpt().isBlank() ? null : item.excerpt().strip();
            OffsetDateTime date = date(item);
            ArticleStatus target = switch (item.status()) {
                case "draft" -> ArticleStatus.DRAFT;
                case "pending" -> ArticleStatus.SUBMITTED;
                case "future" -> date != null && date.isAfter(OffsetDateTime.now()) ? ArticleStatus.SCHEDULED : ArticleStatus.PUBLISHED;
                case "private" -> ArticleStatus.UNPUBLISHED;
                default -> ArticleStatus.PUBLISHED;
            };
            if (item.passwordProtected() && target != ArticleStatus.DRAFT && target != ArticleStatus.SUBMITTED) {
                // Minbar has no post passwords: published, its body would be open to everyone.
                target = ArticleStatus.UNPUBLISHED;
            }
            long id;
            String outcome;
            if (existing.isPresent()) {
                Article article = existing.get();
                id = article.id();
                ArticleEdit edit = new ArticleEdit(title, body, excerpt, article.sourceLabel(), sectionId, tagIds, contributors,
                        leadUrl, leadAlt, null, article.seoTitle(), article.seoDescription(), article.autoReadAlso());
                imports.update(id, edit, article.version(), IMPORTER, modified(item));
                moveTo(id, article.status(), target, date);
                outcome = "updated";
            } else {
                id = imports.create(new ArticleDraft(title, body, excerpt, target, null, sectionId, tagIds, contributors,
                        leadUrl, leadAlt, date, modified(item)), wordpressSlug(item), IMPORTER);
                outcome = "created";
            }
            String slug = wordpressSlug(item);
            if (slug != null) {
                if (existing.isPresent()) {
                    editing.changeSlug(id, slug);
                }
                links.savePath(normalizePath("/" + slug), id);
            }
            if (item.link() != null && !item.link().isBlank()) {
                pathOf(item.link()).ifPresent(path -> links.savePath(path, id));
            }
            if (item.sticky() || existing.isPresent()) {
                workflow.feature(id, item.sticky()); // WordPress's sticky posts are Minbar's featured articles
            }
            links.savePost(site, item.postId(), id, hash, item.sticky(), OffsetDateTime.now(ZoneOffset.UTC));
            return outcome;
        }

        private void moveTo(long id, ArticleStatus current, ArticleStatus target, OffsetDateTime date) {
            if (current == target && target != ArticleStatus.SCHEDULED) {
                return;
            }
            if (current == ArticleStatus.PUBLISHED && target != ArticleStatus.PUBLISHED) {
                workflow.unpublish(id);
                current = ArticleStatus.UNPUBLISHED;
            }
            switch (target) {
                case PUBLISHED -> workflow.publishImported(id, date);
                case SCHEDULED -> workflow.schedule(id, date);
                case UNPUBLISHED -> {
                    if (current != ArticleStatus.UNPUBLISHED) {
                        workflow.unpublishImported(id, date);
                    }
                }
                case DRAFT -> {
                    if (current != ArticleStatus.DRAFT) {
                        workflow.backToDraft(id);
                    }
                }
                case SUBMITTED -> {
                    if (current != ArticleStatus.DRAFT) {
                        workflow.backToDraft(id);
                    }
                    workflow.submit(id);
                }
            }
        }

        private List<Contributor> contributors(WxrItem item) {
            String stored = item.meta(CONTRIBUTORS_META);
            if (stored != null && !stored.isBlank()) {
                List<Contributor> result = new ArrayList<>();
                for (String line : stored.split("\n")) {
                    int bar = line.lastIndexOf('|');
                    if (bar > 0) {
                        List<ContributorRole> roles = new ArrayList<>();
                        for (String code : line.substring(bar + 1).split(",")) {
                            if (!code.isBlank()) {
                                roles.add(ContributorRole.valueOf(code.strip().toUpperCase(java.util.Locale.ROOT)));
                            }
                        }
                        result.add(new Contributor(line.substring(0, bar).strip(), roles));
                    }
                }
                return result;
            }
            if (item.creator() == null || item.creator().isBlank()) {
                return List.of();
            }
            String login = item.creator().strip();
            return List.of(new Contributor(authorNames.getOrDefault(login, login), List.of(ContributorRole.WRITTEN)));
        }

        /** The section of a category nicename, created (with its parents) when missing; null for an unknown nicename. */
        /** Sections and tags created in a rolled-back transaction went away with it. */
        private void forgetTerms() {
            sectionIds.clear();
            knownTagIds.clear();
        }

        private Long sectionId(String nicename, int depth) {
            Long known = sectionIds.get(nicename);
            if (known != null) {
                return known;
            }
            WxrChannel.Category category = categories.get(nicename);
            if (category == null || depth > 20) {
                return null;
            }
            // The parent first: a name is unique among siblings only ("Foo A" at the top and under "Foo Parent").
            Long parent = category.parent() == null || category.parent().isBlank() ? null : sectionId(decode(category.parent()), depth + 1);
            String name = category.name().isBlank() ? nicename : category.name().strip();
            var section = taxonomy.ensureSection(keptSlug(nicename, name), name, SectionKind.NEWS, parent);
            long id = section.id();
            if (parent != null && parent != id && !parent.equals(section.parentId())) {
                taxonomy.setParent(id, parent);
            }
            links.saveTerm(site, "category", nicename, id);
            if (!options.dryRun()) {
                sectionIds.put(nicename, id);
            }
            return id;
        }

        private String galleryImage(long attachmentId) {
            Attachment attachment = attachments.get(attachmentId);
            if (attachment == null || attachment.uploadPath() == null) {
                report.missingMedia("gallery attachment " + attachmentId + " of post " + currentPost + " is not in the export");
                return null;
            }
            return mediaUrl(attachment.uploadPath())
                    .map(url -> "<img src=\"" + url + "\" alt=\"" + escape(firstNonBlank(attachment.alt(), attachment.title(), ""))
                            + "\">")
                    .orElse(null);
        }

        private String rewriteUploads(String html) {
            if (!html.contains("/wp-content/uploads/")) {
                return html; // most bodies: the pattern's optional host makes a scan without it slow
            }
            Matcher m = UPLOAD_URL.matcher(html);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String url = mediaUrl(decode(m.group(1))).orElse(m.group());
                m.appendReplacement(out, Matcher.quoteReplacement(url));
            }
            m.appendTail(out);
            return out.toString();
        }

        /**
         * The Minbar URL of an upload, storing it in the media library on first use. A resized copy
         * ({@code photo-300x200.jpg}) is taken from its original, since Minbar makes its own sizes.
         */
        private Optional<String> mediaUrl(String uploadPath) {
            String original = SIZE_SUFFIX.matcher(uploadPath).replaceFirst("$1");
            for (String candidate : original.equals(uploadPath) ? List.of(uploadPath) : List.of(original, uploadPath)) {
                Optional<String> stored = links.mediaUrl(site, candidate);
                if (stored.isPresent()) {
                    return stored;
                }
                Path file = options.mediaDir() == null ? null : options.mediaDir().resolve(candidate).normalize();
                if (file != null && file.startsWith(options.mediaDir().normalize()) && Files.isRegularFile(file)) {
                    if (options.dryRun()) {
                        return Optional.of("/wp-content/uploads/" + candidate);
                    }
                    try (InputStream in = Files.newInputStream(file)) {
                        MediaItem item = media.store(in, file.getFileName().toString(), IMPORTER);
                        links.saveMedia(site, candidate, item.id(), item.url());
                        return Optional.of(item.url());
                    } catch (MediaRejectedException | IOException e) {
                        report.missingMedia(candidate + " could not be stored (post " + currentPost + "): " + e.getMessage());
                        return Optional.empty();
                    }
                }
            }
            report.missingMedia(uploadPath + (options.mediaDir() == null ? " (no --media-dir given)" : " not found in the media directory")
                    + " (post " + currentPost + ")");
            return Optional.empty();
        }
    }

    /** The post's slug (decoded), kept as the article's slug; null when the post has none. */
    private static String wordpressSlug(WxrItem item) {
        String whole = item.meta(WxrExporter.SLUG_META);
        if (whole != null && !whole.isBlank()) {
            return whole.strip();
        }
        return item.postName() == null || item.postName().isBlank() ? null : decode(item.postName().strip());
    }

    private OffsetDateTime date(WxrItem item) {
        OffsetDateTime gmt = parse(item.postDateGmt(), ZoneOffset.UTC);
        return gmt != null ? gmt : parse(item.postDate(), zone);
    }

    /**
     * When WordPress last changed the post (its post_modified_gmt, else post_modified in the site's
     * zone): readers' "modified" date of the imported article, never the import's time.
     */
    private OffsetDateTime modified(WxrItem item) {
        OffsetDateTime gmt = parse(item.postModifiedGmt(), ZoneOffset.UTC);
        return gmt != null ? gmt : parse(item.postModified(), zone);
    }

    private static OffsetDateTime parse(String text, ZoneId zone) {
        if (text == null || text.isBlank() || text.startsWith("0000")) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), WP_DATE).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String hash(WxrItem item) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {item.title(), item.content(), item.excerpt(), item.status(), item.postDate(),
                    item.postDateGmt(), item.postName(), item.creator(), item.link(), Boolean.toString(item.sticky()),
                    item.terms().toString(), item.meta("_thumbnail_id"), item.meta(CONTRIBUTORS_META)}) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path of an old permalink as the redirect looks it up: decoded, without a trailing slash. */
    static Optional<String> pathOf(String link) {
        try {
            URI uri = URI.create(link.strip().replace(" ", "%20"));
            String path = uri.getRawPath();
            if (path == null || path.isEmpty() || path.equals("/")) {
                return Optional.empty(); // "/?p=123" is answered by the post id
            }
            return Optional.of(normalizePath(decode(path)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String normalizePath(String path) {
        String p = path.replaceAll("/+$", "");
        return p.startsWith("/") ? p : "/" + p;
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** Why something failed, without a database's stack of causes: the innermost message, on one line. */
    private static String reason(RuntimeException e) {
        Throwable cause = e instanceof org.springframework.dao.DataAccessException data ? data.getMostSpecificCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline).strip() : message.strip();
    }

    /**
     * WordPress's own slug (decoded) when it is usable as a Minbar slug, so that old addresses keep
     * their last segment; else one made from it or from the name.
     */
    static String keptSlug(String decodedSlug, String name) {
        String slug = decodedSlug == null ? "" : decodedSlug.strip().toLowerCase(java.util.Locale.ROOT);
        if (!slug.isEmpty() && slug.length() <= 200 && slug.matches("[\\p{L}\\p{M}\\p{N}_-]+")) {
            return slug;
        }
        return Slugs.of(slug.isEmpty() ? name : slug);
    }

    private static String slugOf(String nicename, String name) {
        String decoded = decode(nicename == null ? "" : nicename);
        return Slugs.of(decoded.isBlank() ? name : decoded);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
