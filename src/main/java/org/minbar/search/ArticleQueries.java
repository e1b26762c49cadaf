package org.minbar.search;

import java.time.LocalDate;
import java.util.List;

/**
 * The searches the site runs, whichever engine answers them: a reader's search (every word, else
 * most of them; sorted, paged, with snippets and the total), headline suggestions, and similar
 * articles for the related blocks. {@link ArticleSearcher} answers them on Lucene,
 * {@link OpenSearchSearcher} on OpenSearch; the search tests run on both.
 */
interface ArticleQueries {

    SearchResults search(String text, String section, String tag, LocalDate from, LocalDate to, SearchSort sort, int page);

    List<TitleSuggestion> suggest(String typed, int limit);

    List<SimilarArticle> similarTo(long articleId, int limit);
}
