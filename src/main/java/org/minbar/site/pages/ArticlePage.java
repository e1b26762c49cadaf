package org.minbar.site.pages;

import java.util.List;

/** The article page, block by block in the reference page's order. */
public record ArticlePage(PageChrome chrome, ArticleView article, List<Teaser> related,
        List<List<SectionBlock>> sectionRows, List<Teaser> popular) {
}
