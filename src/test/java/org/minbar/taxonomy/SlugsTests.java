package org.minbar.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTests {

    @Test
    void keepsArabicWordsJoinedByDashes() {
        assertThat(Slugs.of("بايدن وبوتين.. والتطبيع المعتمد")).isEqualTo("بايدن-وبوتين-والتطبيع-المعتمد");
    }

    @Test
    void dropsDiacriticsTatweelAndDirectionMarks() {
        assertThat(Slugs.of("المُعضلة الدَّوْليّة روســيا\u200F")).isEqualTo("المعضلة-الدولية-روسيا");
    }

    @Test
    void lowerCasesLatinAndKeepsDigits() {
        assertThat(Slugs.of("Covid-19 في 2021!")).isEqualTo("covid-19-في-2021");
    }

    @Test
    void cutsLongTitlesAtAWordBoundary() {
        String slug = Slugs.of("كلمة ".repeat(40));
        assertThat(slug.length()).isLessThanOrEqualTo(80);
        assertThat(slug).doesNotEndWith("-").endsWith("كلمة");
    }

    @Test
    void neverReturnsAnEmptySlug() {
        assertThat(Slugs.of("؟!...")).isNotEmpty();
    }
}
