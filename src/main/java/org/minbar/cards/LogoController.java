package org.minbar.cards;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /brand/logo-{hash}.svg} and {@code .png}: the logo, kept a year (its address changes with its
 * bytes). An older hash redirects to the current logo.
 */
@RestController
class LogoController {

    private final Logo logo;

    LogoController(Logo logo) {
        this.logo = logo;
    }

    @GetMapping("/brand/logo-{hash:[0-9a-f]{1,20}}.{extension:svg|png}")
    ResponseEntity<byte[]> logo(@PathVariable String hash, @PathVariable String extension) {
        return logo.find(hash, extension)
                .map(image -> ResponseEntity.ok().contentType(MediaType.parseMediaType(image.contentType()))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                        .eTag("\"" + image.hash() + "\"").body(image.bytes()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.FOUND)
                        .header(HttpHeaders.LOCATION, Logo.path(logo.current(extension))).cacheControl(CacheControl.noCache()).build());
    }
}
