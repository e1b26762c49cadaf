package org.minbar.search;

import java.util.List;

/** A page of results, the total count, and a corrected query when nothing matched. */
public record SearchResults(long total, List<SearchHit> hits, int page, int pageSize, String didYouMean) {

    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
