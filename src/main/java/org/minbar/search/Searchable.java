package org.minbar.search;

/** What searches run on: one index, or whichever index is current while the site serves. */
interface Searchable {

    <T> T search(SearchIndex.SearchFunction<T> function);
}
