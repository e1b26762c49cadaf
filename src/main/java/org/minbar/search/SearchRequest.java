package org.minbar.search;

import org.minbar.system.CleanText;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A reader's search: free text with optional "exact phrases", filters (section slug, tag slug,
 * publication dates, inclusive), order and page (from 1).
 */
public record SearchRequest(String text, String section, String tag, LocalDate from, LocalDate to, SearchSort sort,
        int page) {

    public static SearchRequest of(String text) {
        return new SearchRequest(text, null, null, null, null, SearchSort.RELEVANCE, 1);
    }

    /**
     * Reads the parameters of the search page and API ({@code q, section, tag, from, to, sort,
     * page}); throws {@link InvalidSearchException} for a bad date, order or page.
     */
    public static SearchRequest fromParameters(String q, String section, String tag, String from, String to, String sort,
            String page) {
        return new SearchRequest(q, CleanText.blankToNull(section), CleanText.blankToNull(tag), date(from, "from"), date(to, "to"), sort(sort),
                page(page));
    }

    static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidSearchException(name + " must be a date such as 2021-12-07", "التاريخ غير صالح: اكتبه هكذا 2021-12-07.");
        }
    }

    static SearchSort sort(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("relevance")) {
            return SearchSort.RELEVANCE;
        }
        if (value.equalsIgnoreCase("newest")) {
            return SearchSort.NEWEST;
        }
        throw new InvalidSearchException("sort must be relevance or newest", "ترتيب غير معروف.");
    }

    static int page(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        if (!value.strip().matches("\\d{1,6}")) {
            throw new InvalidSearchException("page must be a number", "رقم الصفحة غير صالح.");
        }
        return Integer.parseInt(value.strip());
    }


}
