package org.minbar.site;

import org.minbar.system.CleanText;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.minbar.system.SiteAddress;
import org.minbar.search.InvalidSearchException;
import org.minbar.search.SearchRequest;
import org.minbar.search.SearchResults;
import org.minbar.search.SearchService;
import org.minbar.search.SearchUnavailableException;
import org.minbar.site.pages.SearchPage;
import org.minbar.taxonomy.Section;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The search page; works without JavaScript, which only adds headline suggestions. */
@Controller
class SearchController {

    private final SearchService search;
    private final PageBuilder pages;
    private final ArabicDates dates;
    private final SiteAddress address;

    SearchController(SearchService search, PageBuilder pages, ArabicDates dates, SiteAddress address) {
        this.address = address;
        this.search = search;
        this.pages = pages;
        this.dates = dates;
    }

    @GetMapping("/search")
    String search(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        String q = params.getOrDefault("q", "");
        String section = params.get("section");
        String from = params.get("from");
        String to = params.get("to");
        String sort = params.get("sort");
        String shownQuery = q.length() > SearchService.MAX_QUERY_LENGTH ? q.substring(0, SearchService.MAX_QUERY_LENGTH) : q;
        List<Section> sections = pages.sectionsById().values().stream()
                .sorted(java.util.Comparator.comparingInt(Section::position)).toList();
        String title = shownQuery.isBlank() ? "البحث" : "البحث: " + shownQuery;
        try {
            SearchRequest request = SearchRequest.fromParameters(q, section, params.get("tag"), from, to, sort, params.get("page"));
            SearchResults results = search.search(request);
            Map<String, Section> bySlug = sections.stream().collect(java.util.stream.Collectors.toMap(Section::slug, x -> x));
            List<SearchPage.Result> hits = results.hits().stream().map(h -> {
                Section s = h.sectionSlug() == null ? null : bySlug.get(h.sectionSlug());
                var published = h.published().atOffset(ZoneOffset.UTC);
                return new SearchPage.Result(h.title(), h.path(), h.snippetHtml(), s == null ? null : s.name(),
                        s == null ? null : s.path(), dates.date(published), dates.iso(published));
            }).toList();
            String message = null;
            String summary = "";
            if (q.isBlank() && request.section() == null && request.tag() == null && request.from() == null && request.to() == null) {
                message = "اكتب ما تبحث عنه: كلمة أو أكثر، أو عبارة بين علامتي تنصيص مثل \"تطابق المصالح\".";
            } else if (results.total() == 0) {
                message = "لم نجد مقالات تطابق «" + shownQuery.strip() + "». جرّب كلمات أخرى أو أقل.";
            } else {
                summary = PageBuilder.resultCount(results.total()) + (results.pages() > 1 ? "، الصفحة " + results.page() + " من " + results.pages() : "");
            }
            String didYouMeanPath = results.didYouMean() == null ? null : link(params, results.didYouMean(), 1);
            String previous = results.page() > 1 ? link(params, q, results.page() - 1) : null;
            String next = results.page() < results.pages() ? link(params, q, results.page() + 1) : null;
            String canonical = address.forRequest(q.isBlank() ? "/search" : link(params, q, results.page()));
            model.addAttribute("page", new SearchPage(pages.chrome(title, null, canonical, shownQuery), shownQuery, sections,
                    request.section(), blank(from), blank(to), request.sort().name().toLowerCase(java.util.Locale.ROOT), hits,
                    summary, message, results.didYouMean(), didYouMeanPath, previous, next,
                    "الصفحة " + results.page() + " من " + results.pages()));
        } catch (InvalidSearchException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("page", new SearchPage(pages.chrome(title, null, null, shownQuery), shownQuery, sections,
                    CleanText.blankToNull(section), blank(from), blank(to), "relevance", List.of(), "", e.arabicMessage(), null, null,
                    null, null, ""));
        } catch (SearchUnavailableException e) {
            // The index is being rebuilt, or too many searches run at once: the reader can come back in a moment.
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
            model.addAttribute("page", new SearchPage(pages.chrome(title, null, null, shownQuery), shownQuery, sections,
                    CleanText.blankToNull(section), blank(from), blank(to), "relevance", List.of(), "",
                    e.arabicMessage(), null, null, null, null, ""));
        }
        return "search";
    }

    private static String link(Map<String, String> params, String q, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/search").queryParam("q", q);
        for (String name : List.of("section", "tag", "from", "to", "sort")) {
            String value = params.get(name);
            if (value != null && !value.isBlank()) {
                uri.queryParam(name, value);
            }
        }
        if (page > 1) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

}
