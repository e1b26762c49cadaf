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
            return LocalDate.parse(asciiDate(value.strip()), TYPED_DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidSearchException(name + " must be a date such as 2021-12-07", "التاريخ غير صالح: اكتبه هكذا 2021-12-07.");
        }
    }

    /** A date as typed in the search form: year, month, day; one or two digits for the month and day. */
    private static final java.time.format.DateTimeFormatter TYPED_DATE = java.time.format.DateTimeFormatter.ofPattern("uuuu-M-d")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    /** Arabic-Indic (٢٠٢١) and Persian (۲۰۲۱) digits as ASCII, and / as -: what Arabic keyboards type. */
    private static String asciiDate(String typed) {
        StringBuilder ascii = new StringBuilder(typed.length());
        typed.codePoints().forEach(c -> {
            int digit = Character.isDigit(c) ? Character.digit(c, 10) : -1;
            if (digit >= 0) {
                ascii.append((char) ('0' + digit));
            } else {
                ascii.appendCodePoint(c == '/' ? '-' : c);
            }
        });
        return ascii.toString();
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
