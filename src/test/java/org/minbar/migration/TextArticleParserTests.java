package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.support.SeedFile;

class TextArticleParserTests {

    private final ParsedArticle seed = TextArticleParser.parse(SeedFile.bytes(), "seed.txt");

    @Test
    void readsTheSeedTitle() {
        assertThat(seed.title()).isEqualTo("بايدن وبوتين.. والتطبيع المعتمد على تطابق المصالح القصوى");
    }

    @Test
    void readsFourteenParagraphsFiveSubheadingsAndFiveReadAlsoPromos() {
        assertThat(seed.count(ParsedArticle.Paragraph.class)).isEqualTo(14);
        assertThat(seed.count(ParsedArticle.Subheading.class)).isEqualTo(5);
        assertThat(seed.count(ParsedArticle.ReadAlsoPromo.class)).isEqualTo(5);
    }

    @Test
    void keepsTheSeedOrderOfBlocks() {
        assertThat(seed.body().get(2)).isEqualTo(new ParsedArticle.Subheading("لقاء بايدن وبوتين"));
        assertThat(seed.body().get(4)).isEqualTo(
                new ParsedArticle.ReadAlsoPromo("الصين والانسحاب الأمريكي من أفغانستان.. ترتيب أولويات أكثر من مؤامرة"));
        assertThat(seed.body()).filteredOn(ParsedArticle.Subheading.class::isInstance).extracting(Object::toString)
                .hasSize(5).last().asString().contains("إجراءات بناء الثقة");
    }

    @Test
    void readsTheSourceLabelAndTheContributorWithBothRoles() {
        assertThat(seed.sourceLabel()).isEqualTo("ليفانت-خاص");
        assertThat(seed.contributors()).containsExactly(
                new Contributor("أحمد قطمة", List.of(ContributorRole.PREPARED, ContributorRole.EDITED)));
    }

    @Test
    void leavesThePageChromeOutOfTheBody() {
        List<String> chrome = List.of("العلامات", "قد تحب أيضا", "كاريكاتير", "تقارير وتحقيقات", "الصحة|المجتمع",
                "الصحة", "المجتمع", "منشورات شائعة", "النشرة الإخبارية",
                "اشترك في قائمتنا البريدية للحصول على التحديثات الجديدة!", "ليفانت-خاص", "إعداد وتحرير: أحمد قطمة", "-");
        List<String> bodyTexts = seed.body().stream().map(TextArticleParserTests::text).toList();
        for (String line : chrome) {
            assertThat(bodyTexts).as("body must not hold %s", line).noneMatch(t -> t.equals(line) || t.contains(line + "\n"));
        }
        assertThat(bodyTexts).noneMatch(t -> t.contains("اشترك في قائمتنا"));
    }

    @Test
    void turnsTheSectionNamesOfTheChromeIntoSectionsSplittingSideBySideOnes() {
        assertThat(seed.sectionNames()).containsExactly("كاريكاتير", "تقارير وتحقيقات", "الصحة", "المجتمع");
    }

    @Test
    void readsOtherRoleWordsAndSeveralNames() {
        ParsedArticle parsed = parse("عنوان الخبر\nفقرة أولى من النص.\nكتابة وترجمة: سارة علي، خالد عمر\nتصوير: ليلى حسن\n");
        assertThat(parsed.contributors()).containsExactly(
                new Contributor("سارة علي", List.of(ContributorRole.WRITTEN, ContributorRole.TRANSLATED)),
                new Contributor("خالد عمر", List.of(ContributorRole.WRITTEN, ContributorRole.TRANSLATED)),
                new Contributor("ليلى حسن", List.of(ContributorRole.PHOTOGRAPHED)));
        assertThat(parse("عنوان\nنص الخبر.\nبقلم: أحمد\n").contributors())
                .containsExactly(new Contributor("أحمد", List.of(ContributorRole.WRITTEN)));
    }

    @Test
    void acceptsReadAlsoWrittenWithoutHamzaOrTanween() {
        ParsedArticle parsed = parse("عنوان\nفقرة من النص.\nاقرا ايضا: خبر آخر مهم\n");
        assertThat(parsed.body()).contains(new ParsedArticle.ReadAlsoPromo("خبر آخر مهم"));
    }

    @Test
    void readsTagsListedUnderTheTagsHeading() {
        ParsedArticle parsed = parse("عنوان\nفقرة من النص.\nالعلامات\nروسيا|أمريكا\nقد تحب أيضا\n");
        assertThat(parsed.tags()).containsExactly("روسيا", "أمريكا");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertRejected(new byte[0], "seed.txt:1: the file is empty");
        assertRejected("\n  \n-\n".getBytes(StandardCharsets.UTF_8), "seed.txt:1: the file has no text");
    }

    @Test
    void rejectsAFileWithoutTitle() {
        assertRejected("-\nالعلامات\nقد تحب أيضا\n".getBytes(StandardCharsets.UTF_8), "seed.txt:2: no title");
        assertRejected("-\nاقرأ أيضاً: خبر\n".getBytes(StandardCharsets.UTF_8), "seed.txt:2: no title");
        assertRejected("عنوان فقط\n".getBytes(StandardCharsets.UTF_8), "seed.txt:1: no body text");
    }

    @Test
    void rejectsInvalidUtf8NamingTheLine() {
        byte[] bytes = "عنوان\nفقرة.\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, broken, 0, bytes.length);
        broken[bytes.length] = (byte) 0xC3;
        broken[bytes.length + 1] = (byte) 0x28;
        broken[bytes.length + 2] = '\n';
        assertRejected(broken, "seed.txt:3: invalid UTF-8");
    }

    @Test
    void rejectsBinaryData() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D};
        assertThatThrownBy(() -> TextArticleParser.parse(png, "image.png"))
                .isInstanceOf(MalformedImportException.class).hasMessageStartingWith("image.png:1:");
        assertRejected("عنوان\nفقرة\u0000 مع صفر.\n".getBytes(StandardCharsets.UTF_8), "seed.txt:2: binary data");
    }

    private static ParsedArticle parse(String text) {
        return TextArticleParser.parse(text.getBytes(StandardCharsets.UTF_8), "test.txt");
    }

    private static void assertRejected(byte[] bytes, String messageStart) {
        assertThatThrownBy(() -> TextArticleParser.parse(bytes, "seed.txt"))
                .isInstanceOf(MalformedImportException.class).hasMessageStartingWith(messageStart);
    }

    private static String text(ParsedArticle.Block block) {
        if (block instanceof ParsedArticle.Paragraph p) {
            return p.text();
        }
        if (block instanceof ParsedArticle.Subheading h) {
            return h.text();
        }
        return ((ParsedArticle.ReadAlsoPromo) block).title();
    }
}
