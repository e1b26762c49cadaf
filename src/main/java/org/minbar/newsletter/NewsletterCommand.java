package org.minbar.newsletter;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.minbar.system.MinbarCommand;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code newsletter send-digest|status}: queue the digest now, or show subscribers and the last sends. */
@MinbarCommand
@Command(name = "newsletter", description = "Send the digest now, or show the subscribers and the last sends.")
class NewsletterCommand {

    @Spec
    CommandSpec spec;

    private final NewsletterService newsletter;
    private final Environment environment;

    NewsletterCommand(NewsletterService newsletter, Environment environment) {
        this.newsletter = newsletter;
        this.environment = environment;
    }

    @Command(name = "send-digest", description = "Queue the digest of the articles published since the last one.")
    int sendDigest() {
        PrintWriter out = spec.commandLine().getOut();
        var queued = newsletter.sendDigestNow();
        if (queued.isEmpty()) {
            out.println("No digest: no article was published since the last one.");
        } else {
            // Run on its own (the cli profile), the command has no scheduler: the site sends at its next start.
            boolean siteSends = !environment.matchesProfiles("cli");
            out.println("Digest %d queued: %d articles for %d subscribers.%s".formatted(queued.get().editionId(),
                    queued.get().articles(), queued.get().recipients(),
                    siteSends ? " Sending now." : " The site sends it when it runs (it is not running now)."));
        }
        return 0;
    }

    @Command(name = "status", description = "Show the subscribers by status and the last sends.")
    int status() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Long> counts = newsletter.subscriberCounts();
        out.println("Subscribers: " + counts.entrySet().stream()
                .map(e -> e.getKey().toLowerCase(Locale.ROOT) + " " + e.getValue()).toList());
        for (NewsletterService.EditionSummary e : newsletter.recentEditions(10)) {
            out.println("#%d %s %s: delivered %d, failed %d, pending %d, skipped %d, in doubt %d%s".formatted(e.id(),
                    e.kind().toLowerCase(Locale.ROOT), e.createdAt(), e.delivered(), e.failed(), e.pending(),
                    e.skipped(), e.inDoubt(), e.finishedAt() == null ? " (sending)" : ""));
        }
        return 0;
    }
}
