package org.minbar.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaFilesTests {

    @Test
    void keepsOnlyTheFileNameWithoutDirectoriesControlOrBidiOverrideCharacters() {
        assertThat(MediaFiles.cleanFilename("C:\\Users\\sara\\Desktop\\صورة.jpg")).isEqualTo("صورة.jpg");
        assertThat(MediaFiles.cleanFilename("../../etc/passwd")).isEqualTo("passwd");
        assertThat(MediaFiles.cleanFilename("invoice\u202Egpj.exe")).isEqualTo("invoicegpj.exe");
        assertThat(MediaFiles.cleanFilename("a\u0000b\nc\u0085.png")).isEqualTo("abc.png");
        assertThat(MediaFiles.cleanFilename("  ")).isEqualTo("image");
        assertThat(MediaFiles.cleanFilename(null)).isEqualTo("image");
        assertThat(MediaFiles.cleanFilename("ص".repeat(300) + ".jpg")).hasSize(255);
    }

    @Test
    void servesOnlyTheNamesTheLibraryWrites() {
        assertThat(MediaFiles.SERVED.matcher("2026/11/123-k3f9x2ab-640.jpg").matches()).isTrue();
        assertThat(MediaFiles.SERVED.matcher("2026/11/123-k3f9x2ab-original.png").matches()).isTrue();
        assertThat(MediaFiles.SERVED.matcher("2026/11/.123-k3f9x2ab-640.jpg.part").matches()).isFalse();
        assertThat(MediaFiles.SERVED.matcher("2026/11/../../db/minbar.mv.db").matches()).isFalse();
        assertThat(MediaFiles.SERVED.matcher("2026/11/123-k3f9x2ab-640.svg").matches()).isFalse();
        assertThat(MediaFiles.SERVED.matcher("2026/11/").matches()).isFalse();
    }
}
