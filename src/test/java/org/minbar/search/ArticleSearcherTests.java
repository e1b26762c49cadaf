package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs on both backends (see {@link SearchBackends}). */
@ParameterizedClass
@EnumSource(SearchBackends.class)
class ArticleSearcherTests {

    static final long SEED = 1;
    static SearchBackends.Indexed searcher;

    @Parameter
    SearchBackends backend; // the invocation's backend; its index is made once per invocation, below

    @BeforeParameterizedClassInvocation
    static void indexArticles(SearchBackends backend) {
        searcher = backend.index(List.of(
                SearchFixtures.seed(SEED),
                SearchFixtures.article(2, "الرئيس الروسي يزور دمشق", "زار الرئيس الروسي العاصمة السورية في زيارة قصيرة.", "politics",
                        LocalDate.of(2020, 1, 10)),
                SearchFixtures.article(3, "مباراة الترجي والنجم", "فاز الترجي على النجم الساحلي في مباراة مثيرة.", "sport",
                        LocalDate.of(2017, 5, 1)),
                SearchFixtures.article(4, "أوكرانيا تستعد للشتاء", "تستعد أوكرانيا لشتاء صعب مع ارتفاع أسعار الطاقة.", "international",
                        LocalDate.of(2022, 11, 2)),
                SearchFixtures.article(5, "المصالح التجارية بين البلدين", "تطابق في الرؤى ولكن المصالح تختلف.", "economy",
                        LocalDate.of(2019, 3, 3))));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        searcher.close();
    }

    private static SearchResults search(String text) {
        return searcher.search(text, null, null, null, null, SearchSort.RELEVANCE, 1);
    }

    private static List<Long> ids(SearchResults results) {
        return results.hits().stream().map(SearchHit::id).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"اوكرانيا", "الدولي", "المعضلة", "روســيا", "وبوتين", "الرئيس", "تطبيع", "\"تطابق المصالح\""})
    void findsTheSeedArticleWhateverSpellingTheReaderUses(String query) {
        assertThat(ids(search(query)).stream().limit(3)).as(query).contains(SEED);
    }

    @Test
    void matchesPhrasesOnlyWhenTheWordsAreConsecutive() {
        assertThat(ids(search("\"تطابق المصالح\""))).containsExactly(SEED);
        assertThat(ids(search("تطابق المصالح"))).contains(SEED, 5L);
    }

    @Test
    void requiresEveryWordButFallsBackToAnyWordRatherThanNothing() {
        assertThat(ids(search("الترجي النجم"))).containsExactly(3L);
        assertThat(ids(search("الترجي كوكب"))).containsExactly(3L);
    }

    @Test
    void ranksTitleMatchesFirst() {
        assertThat(ids(search("الرئيس الروسي")).get(0)).isEqualTo(2L);
    }

    @Test
    void filtersBySectionAndDateAndSortsByNewest() {
        assertThat(ids(searcher.search("الرئيس", "politics", null, null, null, SearchSort.RELEVANCE, 1))).containsExactly(2L);
        assertThat(ids(searcher.search("الرئيس", null, null, LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31),
                SearchSort.RELEVANCE, 1))).containsExactly(SEED);
        assertThat(ids(searcher.search("", null, null, LocalDate.of(2000, 1, 1), null, SearchSort.NEWEST, 1)))
                .containsExactly(4L, SEED, 2L, 5L, 3L);
        assertThat(searcher.search("", null, null, null, null, SearchSort.NEWEST, 1).total()).isZero();
        assertThat(ids(searcher.search("", "sport", null, null, null, SearchSort.RELEVANCE, 1))).containsExactly(3L);
        assertThat(ids(searcher.search("", null, "بوتين", null, null, SearchSort.RELEVANCE, 1))).containsExactly(SEED);
    }

    @Test
    void countsAndPagesResults() {
        SearchResults all = searcher.search("", null, null, LocalDate.of(2000, 1, 1), null, SearchSort.NEWEST, 1);
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.pages()).isEqualTo(1);
        assertThat(searcher.search("", null, null, LocalDate.of(2000, 1, 1), null, SearchSort.NEWEST, 2).hits()).isEmpty();
    }

    @Test
    void highlightsMatchesInEscapedSnippets() {
        SearchHit hit = search("اوكرانيا").hits().stream().filter(h -> h.id() == SEED).findFirst().orElseThrow();
        assertThat(hit.snippetHtml()).contains("<mark>أوكرانيا</mark>").doesNotContain("<script");
        assertThat(hit.snippetHtml().length()).isLessThan(600);
        assertThat(hit.path()).isEqualTo("/news/1/seed");
        assertThat(hit.sectionSlug()).isEqualTo("reports");
    }

    @Test
    void suggestsACorrectedQueryWhenNothingMatches() {
        SearchResults results = search("اوكرنيا");
        assertThat(results.total()).isZero();
        assertThat(results.didYouMean()).isEqualTo("اوكرانيا");
        assertThat(ids(search(results.didYouMean()))).contains(SEED);
    }

    @Test
    void suggestsTitlesAsTheReaderTypes() {
        assertThat(searcher.suggest("بايد", 5)).extracting(TitleSuggestion::title).containsExactly(SearchFixtures.SEED_TITLE);
        assertThat(searcher.suggest("الرئيس الرو", 5)).extracting(TitleSuggestion::id).containsExactly(2L);
        assertThat(searcher.suggest("ب", 5)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"تطابق", "AND OR NOT", "*:*", "(((", "title:بوتين~2^9", "\\", "في", "؟!", "[]{}<>",
        "\u0000\u0007", "\"\"", "+-&&||!(){}[]^\"~*?:\\/"})
    void neverFailsOnQuerySyntaxOrPunctuation(String query) {
        SearchResults results = search(query);
        assertThat(results.total()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void readsUnbalancedQuotesAsPlainWords() {
        assertThat(ArticleSearcher.parse("\"تطابق المصالح").phrases()).isEmpty();
        assertThat(ArticleSearcher.parse("\"تطابق المصالح").words()).containsExactly("تطابق", "المصالح");
        assertThat(ids(search("\"تطابق المصالح"))).contains(SEED);
    }
}
