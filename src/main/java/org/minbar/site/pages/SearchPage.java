package org.minbar.site.pages;

import java.util.List;
import org.minbar.taxonomy.Section;

/** The search page: the form (with its filters as given), and results or a message. */
public record SearchPage(PageChrome chrome, String query, List<Section> sections, String section, String from,
        String to, String sort, List<Result> results, String summary, String message, String didYouMean,
        String didYouMeanPath, String previousPath, String nextPath, String pageLabel) {

    /** One result; {@code snippetHtml} is escaped text with the matched words in {@code <mark>}. */
    public record Result(String title, String path, String snippetHtml, String sectionName, String sectionPath,
            String date, String isoDate) {
    }
}
