package org.minbar.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.minbar.article.ArticleService;
import org.minbar.site.pages.ListPage;
import org.minbar.site.pages.Teaser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/** The search page: for now, headlines that contain the words typed (Arabic search comes with the search module). */
@Controller
class SearchController {

    static final int MAX_QUERY_LENGTH = 256;

    private final ArticleService articles;
    private final PageBuilder pages;

    SearchController(ArticleService articles, PageBuilder pages) {
        this.articles = articles;
        this.pages = pages;
    }

    @GetMapping("/search")
    String search(@RequestParam(name = "q", required = false) String q, Model model, HttpServletResponse response) {
        String query = q == null ? "" : q.replaceAll("\\p{Cntrl}", " ").strip();
        String path = "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        if (query.length() > MAX_QUERY_LENGTH) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("page", new ListPage(pages.chrome("البحث", null, SiteController.canonical("/search"), ""),
                    "بحث", "البحث", false, List.of(), "",
                    "عبارة البحث طويلة جداً: اكتب " + MAX_QUERY_LENGTH + " حرفاً على الأكثر.", null, null, ""));
            return "list";
        }
        List<Teaser> results = query.isEmpty() ? List.of() : pages.teasers(articles.titleContains(query, 50));
        String empty = query.isEmpty() ? "اكتب ما تبحث عنه في مربع البحث." : "لم نجد مقالات تطابق «" + query + "».";
        model.addAttribute("page", new ListPage(pages.chrome(query.isEmpty() ? "البحث" : "البحث: " + query, null,
                SiteController.canonical(path), query), "بحث", query.isEmpty() ? "البحث" : "نتائج البحث عن «" + query + "»",
                false, results, results.isEmpty() ? "" : results.size() + " نتيجة", empty, null, null, ""));
        return "list";
    }
}
