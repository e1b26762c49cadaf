package org.minbar.article;

import java.util.Optional;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.TaxonomyService;

/**
 * What an article must have before readers see it, in one place. {@link ArticleTransition} says
 * which set each move checks; a save of a published article checks the same set as publishing it.
 */
enum PublishingRules {
    /** Everything: a title, the image an image-led section needs, alt text on every image. */
    ALL,
    /** What a page needs to be whole (a title, an image-led section's image); imported archives keep their images as they were. */
    WHOLE_PAGE,
    NONE;

    /** Why this content may not be public under these rules, or empty. */
    Optional<WorkflowException> violation(long id, ArticleEdit content, TaxonomyService taxonomy) {
        if (this == NONE) {
            return Optional.empty();
        }
        if (content.title() == null || content.title().isBlank()) {
            return refused("Article " + id + " has no title", "لا يُنشر مقال بلا عنوان.");
        }
        boolean imageLed = content.sectionId() != null && taxonomy.section(content.sectionId())
                .map(section -> section.kind() == SectionKind.IMAGE_LED).orElse(false);
        if (imageLed && content.leadImageUrl() == null) {
            return refused("Article " + id + " is in an image-led section but has no image",
                    "مقال القسم المصوّر (الكاريكاتير) صورةٌ مع تعليقها: اختر صورة رئيسية قبل النشر.");
        }
        if (this == ALL && content.leadImageUrl() != null && (content.leadImageAlt() == null || content.leadImageAlt().isBlank())) {
            return refused("Article " + id + " has a lead image without alt text", "أضف نصاً بديلاً (alt) للصورة الرئيسية قبل النشر.");
        }
        if (this == ALL && BodySanitizer.hasImageWithoutAlt(content.bodyHtml())) {
            return refused("Article " + id + " has an image without alt text", "أضف نصاً بديلاً (alt) لكل صورة في متن المقال قبل النشر.");
        }
        return Optional.empty();
    }

    void check(long id, ArticleEdit content, TaxonomyService taxonomy) {
        Optional<WorkflowException> violation = violation(id, content, taxonomy);
        if (violation.isPresent()) {
            throw violation.get();
        }
    }

    private static Optional<WorkflowException> refused(String english, String arabic) {
        return Optional.of(new WorkflowException(english, arabic));
    }
}
