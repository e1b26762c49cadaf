package org.minbar.system;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The site's name and tagline: set by an admin in the newsroom (kept in the database), else the
 * {@code minbar.site.name} and {@code minbar.site.tagline} settings. Read on every page, from memory.
 */
@Service
public class SiteIdentity {

    static final String NAME = "site.name";
    static final String TAGLINE = "site.tagline";

    private final Settings settings;
    private final String defaultName;
    private final String defaultTagline;
    private final ApplicationEventPublisher events;

    SiteIdentity(Settings settings, SystemProperties properties, ApplicationEventPublisher events) {
        this.settings = settings;
        this.events = events;
        this.defaultName = properties.site().name();
        this.defaultTagline = properties.site().tagline();
    }

    public String name() {
        return settings.cached(NAME).orElse(defaultName);
    }

    public String tagline() {
        return settings.cached(TAGLINE).orElse(defaultTagline);
    }

    /** Changes the name and tagline shown everywhere (within seconds on every node). */
    public void change(String name, String tagline) {
        // The name goes into every feed and the news sitemap: cleaned like a title (see CleanText).
        String n = name == null ? "" : CleanText.title(name).strip();
        String t = tagline == null ? "" : CleanText.title(tagline).strip();
        if (n.isEmpty() || n.length() > 100 || t.length() > 200) {
            throw new IllegalArgumentException("a site name has 1 to 100 characters, a tagline at most 200");
        }
        settings.put(NAME, n);
        settings.put(TAGLINE, t);
        events.publishEvent(new SiteIdentityChanged());
    }
}
