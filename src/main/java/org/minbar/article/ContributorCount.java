package org.minbar.article;

/** A contributor and how many published articles name them. */
public record ContributorCount(long id, String name, long articles) {
}
