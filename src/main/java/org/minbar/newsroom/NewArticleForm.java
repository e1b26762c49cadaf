package org.minbar.newsroom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The new-article form: a title and, if chosen, a section. */
record NewArticleForm(
        @NotBlank(message = EditorForm.TITLE_MISSING) @Size(max = EditorForm.MAX_TITLE, message = EditorForm.TITLE_TOO_LONG)
        String title,
        @KnownSection Long sectionId) {
}
