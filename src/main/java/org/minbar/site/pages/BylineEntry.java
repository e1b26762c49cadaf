package org.minbar.site.pages;

/** One part of a byline: "إعداد وتحرير" and "أحمد قطمة". */
public record BylineEntry(String roles, String names) {
}
