package org.minbar.cards;

import java.time.Duration;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cards/{id}-{version}.png}: a published article's share card. An older version redirects to
 * the current one; an article that is not published (a draft, scheduled, taken down) has none (404),
 * so no unpublished title is shown. Kept by browsers and CDNs for a day: the address changes with
 * what the card shows, and an unpublish purges the CDN's copy by the article's surrogate key.
 */
@RestController
class ShareCardController {

    private static final CacheControl KEPT = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

    private final ShareCards cards;

    ShareCardController(ShareCards cards) {
        this.cards = cards;
    }

    @GetMapping("/cards/{id:\\d{1,18}}-{version:[0-9a-f]{1,20}}.png")
    ResponseEntity<byte[]> card(@PathVariable long id, @PathVariable String version,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Optional<String> current = cards.currentVersion(id);
        if (current.isEmpty()) {
            return ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build();
        }
        if (!current.get().equals(version)) {
            return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, ShareCards.path(id, current.get()))
                    .cacheControl(CacheControl.noCache()).build();
        }
        String etag = "\"" + version + "\"";
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(KEPT).build();
        }
        Optional<ShareCards.Card> card = cards.card(id);
        if (card.isEmpty()) {
            return ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).eTag("\"" + card.get().version() + "\"").cacheControl(KEPT)
                .header("Surrogate-Key", "article-" + id).body(card.get().png());
    }
}
