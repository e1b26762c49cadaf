package org.minbar.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile input for the text importer: any bytes either parse into an article with a title and a
 * body, or are rejected with a file-and-line message; nothing else may escape. Runs its saved
 * inputs in every build; {@code JAZZER_FUZZ=1} makes it search for new ones.
 */
class HostileInputFuzzTests {

    @FuzzTest(maxDuration = "30s")
    void importerAcceptsOrRejectsAnyBytesCleanly(byte[] bytes) {
        try {
            ParsedArticle parsed = TextArticleParser.parse(bytes, "fuzz.txt");
            assertThat(parsed.title()).isNotBlank();
            assertThat(parsed.body()).isNotEmpty();
        } catch (MalformedImportException expected) {
            assertThat(expected.getMessage()).matches("(?s)fuzz\\.txt:\\d+: .+");
        }
    }
}
