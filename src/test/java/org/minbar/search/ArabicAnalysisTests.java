package org.minbar.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class ArabicAnalysisTests {

    private final Analyzer stemmed = ArabicAnalysis.stemmed();
    private final Analyzer exact = ArabicAnalysis.exact();

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private void sameStem(String a, String b) {
        assertThat(tokens(stemmed, a)).as("%s ~ %s", a, b).isEqualTo(tokens(stemmed, b)).isNotEmpty();
    }

    private void sameExact(String a, String b) {
        assertThat(tokens(exact, a)).as("%s = %s", a, b).isEqualTo(tokens(exact, b)).isNotEmpty();
    }

    @Test
    void foldsHamzaFormsOfAlef() {
        sameExact("أوكرانيا", "اوكرانيا");
        sameExact("إسرائيل", "اسرائيل");
        sameExact("آمال", "امال");
    }

    @Test
    void foldsAlefWasla() {
        sameExact("ٱلرئيس", "الرئيس");
    }

    @Test
    void foldsTaaMarbutaAndHeh() {
        sameExact("المعضلة", "المعضله");
    }

    @Test
    void foldsAlefMaqsuraAndYeh() {
        sameExact("القصوى", "القصوي");
        sameExact("مستشفى", "مستشفي");
    }

    @Test
    void removesTashkeelAndTheSuperscriptAlef() {
        sameExact("الدَّوْليّ", "الدولي");
        sameExact("المُعضلة", "المعضلة");
        sameExact("هٰذا الكتاب", "هذا الكتاب");
    }

    @Test
    void removesTatweel() {
        sameExact("روســيا", "روسيا");
    }

    @Test
    void foldsPersianAndUrduLetters() {
        sameExact("تونسی", "تونسي");
        sameExact("کرة", "كرة");
    }

    @Test
    void readsArabicIndicAndEasternDigitsAsWesternDigits() {
        assertThat(tokens(exact, "٢٠١٧")).containsExactly("2017");
        assertThat(tokens(exact, "۲۰۱۷")).containsExactly("2017");
    }

    @Test
    void ignoresZeroWidthAndBidiControls() {
        sameExact("بو\u200Cتين", "بوتين");
        sameExact("\u200Fروسيا\u202C", "روسيا");
        sameExact("روس\u200Bيا", "روسيا");
    }

    @Test
    void lowerCasesLatinWords() {
        assertThat(tokens(exact, "NATO Biden")).containsExactly("nato", "biden");
    }

    @Test
    void stemsDefiniteArticleAndConjunctionPrefixes() {
        sameStem("التطبيع", "تطبيع");
        sameStem("وبوتين", "بوتين");
        sameStem("والرئيس", "رئيس");
        sameStem("بالرئيس", "رئيس");
        sameStem("كالرئيس", "رئيس");
        sameStem("فالرئيس", "رئيس");
        sameStem("للرئيس", "رئيس");
    }

    @Test
    void stemsCommonSuffixes() {
        sameStem("المفاوضات", "مفاوض");
        sameStem("المتضررين", "المتضرر");
        sameStem("الإيرانية", "إيراني");
        sameStem("مصالحها", "مصالح");
        sameStem("المسلحون", "المسلحين");
    }

    @Test
    void keepsExactFormsUnstemmedSoTheyCanRankHigher() {
        assertThat(tokens(exact, "والرئيس")).containsExactly("والرئيس");
        assertThat(tokens(stemmed, "والرئيس")).containsExactly("رئيس");
    }

    @Test
    void dropsStopWords() {
        assertThat(tokens(exact, "في من على")).isEmpty();
        assertThat(tokens(exact, "فِي")).isEmpty();
        assertThat(tokens(exact, "علـى إلى الى")).isEmpty();
    }

    @Test
    void keepsNamesThatOnlyNormalizeLikeAStopWord() {
        assertThat(tokens(exact, "علي")).containsExactly("علي");
        assertThat(tokens(stemmed, "علي")).isNotEmpty(); // stemmed like any word ending in yeh
        sameExact("عيسى", "عيسي");
        sameExact("موسى", "موسي");
        sameExact("يحيى", "يحيي");
        sameStem("يحيى", "يحيي");
    }
}
