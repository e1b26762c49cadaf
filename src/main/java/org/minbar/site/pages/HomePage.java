package org.minbar.site.pages;

import java.util.List;

/** The front page: lead story (its picture large), top stories with thumbnails, latest headlines, one block per section, most read. */
public record HomePage(PageChrome chrome, Teaser lead, List<Teaser> top, List<Teaser> latest, List<SectionBlock> sections,
        List<Teaser> popular) {
}
