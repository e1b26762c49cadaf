package org.minbar.article;

/** Where an article stands in the editorial workflow; readers see only {@link #PUBLISHED}. */
public enum ArticleStatus {
    DRAFT("مسودة"), SUBMITTED("بانتظار المراجعة"), SCHEDULED("مجدول"), PUBLISHED("منشور"), UNPUBLISHED("غير منشور");

    private final String arabicName;

    ArticleStatus(String arabicName) {
        this.arabicName = arabicName;
    }

    /** The status as the newsroom shows it. */
    public String arabicName() {
        return arabicName;
    }
}
