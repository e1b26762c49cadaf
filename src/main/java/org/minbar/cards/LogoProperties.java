package org.minbar.cards;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The site's logo files ({@code minbar.site.logo-svg}, {@code minbar.site.logo-png}), with their
 * defaults (and nowhere else). Unset: the built-in logo, the logo's mark beside the site's name in
 * Noto Kufi Arabic Bold, drawn anew when an admin renames the site.
 *
 * @param logoSvg SVG file of the logo in the masthead (shown about 48 pixels high); unset: the built-in logo
 * @param logoPng PNG file of the logo in structured data (the publisher's logo; Google asks that it fit
 *        600×60); unset: the built-in logo, 60 pixels high
 */
@ConfigurationProperties("minbar.site")
@Validated
record LogoProperties(Path logoSvg, Path logoPng) {
}
