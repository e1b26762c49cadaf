package org.minbar.site.pages;

import java.util.List;

/**
 * The article page, block by block in the reference page's order. {@code shares}: plain share links
 * with the canonical address ({@code shareUrl}), which the copy-link button copies.
 */
public record ArticlePage(PageChrome chrome, ArticleView article, List<Teaser> related,
        List<List<SectionBlock>> sectionRows, List<Teaser> popular, List<ShareLink> shares, String shareUrl) {
}
