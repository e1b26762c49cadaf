package org.minbar.newsletter;

import java.util.List;
import java.util.Map;
import org.minbar.system.CommandContext;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code newsletter send-digest|status}: queue the digest now, or show subscribers and the last sends. */
@Component
class NewsletterCommand implements MinbarCommand {

    private final NewsletterService newsletter;
    private final boolean cli;

    NewsletterCommand(NewsletterService newsletter, @Value("${minbar.cli:false}") boolean cli) {
        this.newsletter = newsletter;
        this.cli = cli;
    }

    @Override
    public String name() {
        return "newsletter";
    }

    @Override
    public String usage() {
        return "send-digest|status : send the digest of articles published since the last one now, or show subscribers and the last sends";
    }

    @Override
    public int run(CommandContext context) {
        List<String> args = context.positional();
        String sub = args.isEmpty() ? "" : args.get(0);
        switch (sub) {
            case "send-digest" -> {
                var queued = newsletter.sendDigestNow();
                if (queued.isEmpty()) {
                    context.println("No digest: no article was published since the last one.");
                } else {
                    context.println("Digest %d queued: %d articles for %d subscribers.%s".formatted(queued.get().editionId(),
                            queued.get().articles(), queued.get().recipients(),
                            cli ? " The site sends it when it runs (it is not running now)." : " Sending now."));
                }
                return 0;
            }
            case "status" -> {
                Map<String, Long> counts = newsletter.subscriberCounts();
                context.println("Subscribers: " + counts.entrySet().stream()
                        .map(e -> e.getKey().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue()).toList());
                for (NewsletterService.EditionSummary e : newsletter.recentEditions(10)) {
                    context.println("#%d %s %s: delivered %d, failed %d, pending %d, skipped %d, in doubt %d%s".formatted(e.id(),
                            e.kind().toLowerCase(java.util.Locale.ROOT), e.createdAt(), e.delivered(), e.failed(), e.pending(),
                            e.skipped(), e.inDoubt(), e.finishedAt() == null ? " (sending)" : ""));
                }
                return 0;
            }
            default -> throw new CommandFailedException("usage: newsletter send-digest|status");
        }
    }
}
