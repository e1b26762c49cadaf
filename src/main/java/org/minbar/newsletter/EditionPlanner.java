package org.minbar.newsletter;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.minbar.article.Article;
import org.minbar.article.PublishedArticles;
import org.minbar.article.ArticleSummary;
import org.minbar.system.SiteIdentity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates editions: picks the articles, queues every recipient in the outbox and schedules the
 * sending job, all in one transaction (the job is scheduled only if the edition exists).
 */
@Component
class EditionPlanner {

    static final TaskDescriptor<Long> SEND = TaskDescriptor.of("newsletter-send", Long.class);
    static final TaskDescriptor<Long> CONFIRMATION = TaskDescriptor.of("newsletter-confirmation", Long.class);

    private final Editions editions;
    private final PublishedArticles articles;
    private final NewsletterSender sender;
    private final NewsletterProperties config;
    private final SiteIdentity identity;

    EditionPlanner(Editions editions, PublishedArticles articles, NewsletterSender sender, NewsletterProperties config,
            SiteIdentity identity) {
        this.editions = editions;
        this.articles = articles;
        this.sender = sender;
        this.config = config;
        this.identity = identity;
    }

    record Planned(long editionId, int articles, int recipients) {
    }

    /** The digest of articles published since the last digest; empty when there is nothing new. */
    @Transactional
    Optional<Planned> planDigest(SchedulerClient jobs, Instant now) {
        Instant start = editions.lastDigestEnd().map(OffsetDateTime::toInstant).orElse(now.minus(config.digestFirstLookBack()));
        List<ArticleSummary> fresh = publishedBetween(start, now);
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        String subject = "نشرة " + identity.name() + ": " + fresh.get(0).title() + (fresh.size() > 1 ? " وأخبار أخرى" : "");
        List<Long> ids = fresh.stream().map(ArticleSummary::id).toList();
        long id = editions.create(Editions.DIGEST, trim(subject), ids, start, now, now);
        int recipients = editions.queue(id, sender.coveredSections(sender.mailArticles(ids)), now);
        schedule(jobs, id, now);
        return Optional.of(new Planned(id, ids.size(), recipients));
    }

    /** A breaking-news mail for one published article, to every confirmed subscriber; once per article. */
    @Transactional
    Planned planBreaking(SchedulerClient jobs, long articleId, Instant now) {
        Article article = articles.findPublished(articleId)
                .orElseThrow(() -> new IllegalArgumentException("No published article " + articleId));
        if (editions.breakingSentFor(articleId)) {
            throw new IllegalStateException("A breaking-news mail was already sent for article " + articleId);
        }
        long id = editions.create(Editions.BREAKING, trim("عاجل: " + article.title()), List.of(articleId), null, now, now);
        int recipients = editions.queue(id, null, now);
        schedule(jobs, id, now);
        return new Planned(id, 1, recipients);
    }

    /** Schedules sending; instances are named by edition and time, so two workers asking for the same retry make one. */
    static void schedule(SchedulerClient jobs, long editionId, Instant at) {
        jobs.scheduleIfNotExists(SEND.instance("edition-" + editionId + "-at-" + at.toEpochMilli()).data(editionId).scheduledTo(at));
    }

    private List<ArticleSummary> publishedBetween(Instant start, Instant end) {
        List<ArticleSummary> result = new ArrayList<>();
        int pageSize = 50;
        for (int offset = 0; result.size() < config.digestMaxArticles(); offset += pageSize) {
            List<ArticleSummary> page = articles.published(null, null, pageSize, offset);
            for (ArticleSummary s : page) {
                Instant published = s.publishedAt() == null ? null : s.publishedAt().toInstant();
                if (published == null || published.isAfter(end)) {
                    continue;
                }
                if (!published.isAfter(start)) {
                    return result;
                }
                result.add(s);
                if (result.size() >= config.digestMaxArticles()) {
                    return result;
                }
            }
            if (page.size() < pageSize) {
                break;
            }
        }
        return result;
    }

    private static String trim(String subject) {
        return subject.length() > 300 ? subject.substring(0, 299) + "…" : subject;
    }
}
