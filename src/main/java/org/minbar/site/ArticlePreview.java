package org.minbar.site;

import org.minbar.article.Article;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The newsroom's preview: an article, saved or not, on exactly the page readers will get. */
@Component
public class ArticlePreview {

    private final SiteController site;

    ArticlePreview(SiteController site) {
        this.site = site;
    }

    /** Fills {@code model} and returns the view name of the reader's article page. */
    public String render(Article article, Model model) {
        return site.articleView(article, model);
    }
}
