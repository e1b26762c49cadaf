package org.minbar.search;

/** Order of search results. */
public enum SearchSort {
    RELEVANCE, NEWEST
}
