package org.minbar.article;

/** Where an article stands in the editorial workflow; readers see only {@link #PUBLISHED}. */
public enum ArticleStatus {
    DRAFT, SUBMITTED, SCHEDULED, PUBLISHED, UNPUBLISHED
}
