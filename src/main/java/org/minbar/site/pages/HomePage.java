package org.minbar.site.pages;

import java.util.List;

/** The front page: lead story, latest, one block per section, most read. */
public record HomePage(PageChrome chrome, Teaser lead, List<Teaser> latest, List<SectionBlock> sections,
        List<Teaser> popular) {
}
