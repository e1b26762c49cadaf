package org.minbar.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did, item by item; safe to read from another thread while the import runs (the
 * newsroom page polls it). Lists of details are capped so a huge file keeps memory constant.
 */
final class WxrReport {

    static final int MAX_DETAILS = 200;

    private long bytesRead;
    private long bytesTotal;
    private int created;
    private int updated;
    private int skipped;
    private int failed;
    private int attachments;
    private int comments;
    private int sticky;
    private int missingMedia;
    private boolean finished;
    private String fatal;
    private long lastPostId = -1;
    private final Map<String, Integer> skippedReasons = new TreeMap<>();
    private final Map<String, Integer> unknownShortcodes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> usersCreated = new ArrayList<>();
    private final List<String> usersExisting = new ArrayList<>();
    private int strayText;
    private String firstStrayText;
    private final List<String> passwordProtected = new ArrayList<>();
    private final List<String> emptyGalleries = new ArrayList<>();
    private int passwordProtectedCount;

    /** The counts an import's journal keeps, so that a resumed import reports the whole import. */
    record Counts(int created, int updated, int skipped, int failed, int attachments, int comments, int sticky,
            int missingMedia, long lastPostId) {
    }

    /** Items of the file an interrupted run had imported when this one resumed it, or 0. */
    private long resumedAfter;

    synchronized Counts counts() {
        return new Counts(created, updated, skipped, failed, attachments, comments, sticky, missingMedia, lastPostId);
    }

    /** Starts from the counts of the interrupted run that imported the first {@code items} items. */
    synchronized void resume(Counts counts, long items) {
        created = counts.created();
        updated = counts.updated();
        skipped = counts.skipped();
        failed = counts.failed();
        attachments = counts.attachments();
        comments = counts.comments();
        sticky = counts.sticky();
        missingMedia = counts.missingMedia();
        lastPostId = counts.lastPostId();
        resumedAfter = items;
    }

    synchronized long resumedAfter() {
        return resumedAfter;
    }

    synchronized void progress(long read, long total) {
        bytesRead = read;
        bytesTotal = total;
    }

    synchronized void created(long postId) {
        created++;
        lastPostId = postId;
    }

    synchronized void updated(long postId) {
        updated++;
        lastPostId = postId;
    }

    synchronized void skipped(String reason) {
        skipped++;
        skippedReasons.merge(reason, 1, Integer::sum);
    }

    synchronized void failed(String reason) {
        failed++;
        if (failures.size() < MAX_DETAILS) {
            failures.add(reason);
        }
    }

    /** Text between two elements, ignored as WordPress ignores it; {@code where} is file:line:column. */
    synchronized void strayText(String where) {
        strayText++;
        if (firstStrayText == null) {
            firstStrayText = where;
        }
    }

    synchronized int strayText() {
        return strayText;
    }

    /** A password-protected post, imported unpublished so that its body is never shown. */
    synchronized void passwordProtected(String post) {
        passwordProtectedCount++;
        if (passwordProtected.size() < MAX_DETAILS) {
            passwordProtected.add(post);
        }
    }

    synchronized List<String> passwordProtected() {
        return List.copyOf(passwordProtected);
    }

    synchronized void attachment() {
        attachments++;
    }

    synchronized void comments(int count) {
        comments += count;
    }

    synchronized void stickyPost() {
        sticky++;
    }

    synchronized void missingMedia(String what) {
        missingMedia++;
        if (missing.size() < MAX_DETAILS) {
            missing.add(what);
        }
    }

    /** A post whose gallery has no image to show: its attachments are missing from the export or the media directory. */
    synchronized void emptyGallery(String post) {
        if (emptyGalleries.size() < MAX_DETAILS) {
            emptyGalleries.add(post);
        }
    }

    synchronized List<String> emptyGalleries() {
        return List.copyOf(emptyGalleries);
    }

    synchronized void unknownShortcode(String name) {
        unknownShortcodes.merge(name, 1, Integer::sum);
    }

    synchronized void userCreated(String username) {
        usersCreated.add(username);
    }

    synchronized void userExisting(String username) {
        usersExisting.add(username);
    }

    synchronized List<String> usersCreated() {
        return List.copyOf(usersCreated);
    }

    synchronized void finish(String fatalError) {
        fatal = fatalError;
        finished = true;
    }

    synchronized int created() {
        return created;
    }

    synchronized int updated() {
        return updated;
    }

    synchronized int skipped() {
        return skipped;
    }

    synchronized int failed() {
        return failed;
    }

    synchronized int comments() {
        return comments;
    }

    synchronized int sticky() {
        return sticky;
    }

    synchronized int missingMedia() {
        return missingMedia;
    }

    synchronized int attachments() {
        return attachments;
    }

    synchronized boolean finished() {
        return finished;
    }

    synchronized String fatal() {
        return fatal;
    }

    synchronized int percent() {
        return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesRead * 100 / bytesTotal);
    }

    synchronized Map<String, Integer> unknownShortcodes() {
        return Map.copyOf(unknownShortcodes);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized List<String> missing() {
        return List.copyOf(missing);
    }

    /** The summary printed at the end (and shown on the newsroom page), in English. */
    synchronized List<String> summary(boolean dryRun) {
        List<String> lines = new ArrayList<>();
        lines.add((dryRun ? "Dry run (nothing was written): " : "") + "created %d, updated %d, skipped %d, failed %d"
                .formatted(created, updated, skipped, failed));
        if (resumedAfter > 0) {
            lines.add("  resumed after an interruption: the first %d items had been imported (their details are not repeated)"
                    .formatted(resumedAfter));
        }
        skippedReasons.forEach((reason, n) -> lines.add("  skipped %d: %s".formatted(n, reason)));
        lines.add("attachments %d, missing media files %d, comments %d (Minbar has no comments; not imported), sticky posts %d"
                .formatted(attachments, missingMedia, comments, sticky));
        if (sticky > 0) {
            lines.add("  sticky posts are featured: the most recently featured published one leads the home page");
        }
        if (!usersCreated.isEmpty() || !usersExisting.isEmpty()) {
            lines.add("newsroom users: created %d, already there %d (left unchanged)".formatted(usersCreated.size(), usersExisting.size()));
            if (!usersCreated.isEmpty()) {
                lines.add("  created disabled and without a known password: " + String.join(", ", usersCreated.subList(0,
                        Math.min(MAX_DETAILS, usersCreated.size()))));
                lines.add("  to let one log in: user passwd NAME, then user enable NAME");
            }
        }
        if (passwordProtectedCount > 0) {
            lines.add("password-protected posts %d: imported unpublished (Minbar has no post passwords); publish them once checked"
                    .formatted(passwordProtectedCount));
            passwordProtected.forEach(p -> lines.add("  password-protected: " + p));
        }
        if (strayText > 0) {
            lines.add("text between elements ignored %d time(s), first at %s".formatted(strayText, firstStrayText));
        }
        missing.forEach(m -> lines.add("  missing: " + m));
        if (missingMedia > missing.size()) {
            lines.add("  ... and %d more missing files".formatted(missingMedia - missing.size()));
        }
        emptyGalleries.forEach(p -> lines.add("  gallery left out, none of its images is available: " + p));
        unknownShortcodes.forEach((name, n) -> lines.add("  shortcode [%s] kept as text in %d post(s)".formatted(name, n)));
        failures.forEach(f -> lines.add("  failed: " + f));
        if (failed > failures.size()) {
            lines.add("  ... and %d more failures".formatted(failed - failures.size()));
        }
        if (fatal != null) {
            lines.add("stopped: " + fatal);
        }
        if ((failed > 0 || fatal != null) && !dryRun) {
            lines.add("To resume, fix the problem and run the same import again: imported posts are updated, not duplicated"
                    + (lastPostId > 0 ? " (last post imported: WordPress id " + lastPostId + ")" : "") + ".");
        }
        return lines;
    }
}
