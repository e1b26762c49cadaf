package org.minbar.site.pages;

/** A plain link that shares an article on a network ({@code network} names it for CSS: whatsapp, telegram, x, facebook). */
public record ShareLink(String network, String label, String href) {
}
