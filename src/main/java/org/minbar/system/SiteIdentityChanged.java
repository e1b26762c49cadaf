package org.minbar.system;

/** The site's name or tagline changed: every page and feed shows them. */
public record SiteIdentityChanged() {
}
