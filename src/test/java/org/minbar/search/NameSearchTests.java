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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names that normalize like a stop word («علي» like «على») or end in alef maqsura are found:
 * stop words are dropped as written, not after normalization. Runs on both backends.
 */
@ParameterizedClass
@EnumSource(SearchBackends.class)
class NameSearchTests {

    static SearchBackends.Indexed searcher;

    @Parameter
    SearchBackends backend; // the invocation's backend; its index is made once per invocation, below

    @BeforeParameterizedClassInvocation
    static void indexArticles(SearchBackends backend) {
        searcher = backend.index(List.of(
                SearchFixtures.article(1, "لقاء مع الوزير", "استقبل علي حسن الوفد في مكتبه وتحدث عن الموازنة.", "politics",
                        LocalDate.of(2021, 1, 10)),
                SearchFixtures.article(2, "معرض في حلب", "افتتح عيسى الخوري معرضاً للصور القديمة.", "culture",
                        LocalDate.of(2021, 2, 10)),
                SearchFixtures.article(3, "حفل موسيقي", "غنّى موسى حداد أمام جمهور كبير.", "culture",
                        LocalDate.of(2021, 3, 10)),
                SearchFixtures.article(4, "رواية جديدة", "أصدر يحيى السيد روايته الثالثة.", "culture",
                        LocalDate.of(2021, 4, 10)),
                SearchFixtures.article(5, "اتفاق تجاري", "وقّع البلدان على اتفاق تجاري جديد.", "economy",
                        LocalDate.of(2021, 5, 10))));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        searcher.close();
    }

    private static List<Long> ids(String text) {
        return searcher.search(text, null, null, null, null, SearchSort.RELEVANCE, 1).hits().stream().map(SearchHit::id).toList();
    }

    @ParameterizedTest
    @CsvSource({"علي, 1", "عيسى, 2", "عيسي, 2", "موسى, 3", "يحيى, 4", "يحيي, 4", "علي حسن, 1", "\"علي حسن\", 1"})
    void findsArticlesByANameThatNormalizesLikeAStopWord(String name, long expected) {
        assertThat(ids(name)).as(name).containsExactly(expected);
    }

    @Test
    void aStopWordAloneFindsNothingRatherThanTheNameItLooksLike() {
        assertThat(ids("على")).isEmpty();
        assertThat(ids("عَلَى")).isEmpty();
        assertThat(ids("في")).isEmpty();
    }

    @Test
    void stopWordsInAQueryStillDoNotHaveToMatch() {
        assertThat(ids("وقع على اتفاق")).containsExactly(5L);
        assertThat(ids("\"على اتفاق\"")).containsExactly(5L);
    }
}
