package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the index reads of a stored body: its text a block a line, and its read-also promos apart. */
class IndexedTextTests {

    static final String BODY = """
            <p>فقرة أولى عن الحكومة.</p>\
            <blockquote><p>قول مقتبس</p><ul><li>بند داخل الاقتباس</li></ul></blockquote>\
            <aside class="read-also"><a href="/news/7/x">اقرأ أيضاً: عنوان مقال آخر</a></aside>\
            <ul><li>بند أول</li><li><p>بند فيه فقرة</p></li></ul>\
            <h2>عنوان فرعي</h2>""";

    @Test
    void eachOutermostBlockIsOneLineAndNestedBlocksAreNotRepeated() {
        assertThat(SearchIndexer.plainText(BODY).split("\n")).containsExactly(
                "فقرة أولى عن الحكومة.", "قول مقتبس بند داخل الاقتباس", "بند أول", "بند فيه فقرة", "عنوان فرعي");
    }

    @Test
    void promosAreIndexedApartFromTheText() {
        assertThat(SearchIndexer.promoTitles(BODY)).isEqualTo("اقرأ أيضاً: عنوان مقال آخر");
        assertThat(SearchIndexer.plainText(BODY)).doesNotContain("عنوان مقال آخر");
        assertThat(SearchIndexer.promoTitles("<p>لا شيء هنا</p>")).isEmpty();
    }
}
