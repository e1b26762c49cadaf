package org.minbar.cards;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.minbar.article.Article;
import org.minbar.article.ArticleChanged;
import org.minbar.article.ArticlePublished;
import org.minbar.article.ArticleUnpublished;
import org.minbar.article.PublishedArticles;
import org.minbar.system.AfterCommit;
import org.minbar.system.SiteIdentity;
import org.minbar.system.SiteIdentityChanged;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Share cards: the image social media show for an article without a lead photo, drawn by Minbar from
 * its title, section and the site's name ({@link CardRenderer}). A card's address carries a hash of
 * what it shows ({@code /cards/12-3f2a9c1e40.png}), so an edit of the title gives a new address, and
 * a crawler never keeps an old title under the current one. Cards are kept in memory as PNG bytes
 * (bounded; derived data, drawn again when needed) and dropped by the article events; only a
 * published article has one.
 */
@Service
public class ShareCards {

    public static final int WIDTH = CardRenderer.WIDTH;
    public static final int HEIGHT = CardRenderer.HEIGHT;
    /** Raise it when the drawing changes, so that every card gets a new address. */
    private static final String DRAWING = "1";
    /** About 40 KB a card: some 800 cards. */
    private static final long MAX_BYTES = 32L * 1024 * 1024;

    /** A card: what its address names ({@code version}) and its bytes. */
    record Card(long articleId, String version, byte[] png) {
    }

    private record Key(long articleId, String version) {
    }

    private final PublishedArticles articles;
    private final TaxonomyService taxonomy;
    private final SiteIdentity identity;
    private final CardRenderer renderer = new CardRenderer(CardFonts.KUFI);
    private final Cache<Key, byte[]> cards = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
            .weigher((Key key, byte[] png) -> png.length + 64).build();

    ShareCards(PublishedArticles articles, TaxonomyService taxonomy, SiteIdentity identity) {
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.identity = identity;
    }

    /** The address of the article's card on this site, such as {@code /cards/12-3f2a9c1e40.png}. */
    public String path(Article article) {
        return path(article.id(), version(article));
    }

    static String path(long articleId, String version) {
        return "/cards/" + articleId + "-" + version + ".png";
    }

    /** The current card of a published article (drawn now unless kept); empty for any other article. */
    Optional<Card> card(long articleId) {
        return articles.findPublished(articleId).map(article -> {
            String version = version(article);
            byte[] png = cards.get(new Key(articleId, version),
                    key -> renderer.png(article.title(), sectionName(article), identity.name()));
            return new Card(articleId, version, png);
        });
    }

    /** The version of the card of a published article, without drawing it; empty for any other article. */
    Optional<String> currentVersion(long articleId) {
        return articles.findPublished(articleId).map(this::version);
    }

    private String version(Article article) {
        String shown = DRAWING + '\n' + article.title() + '\n' + sectionName(article) + '\n' + identity.name();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(shown.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private String sectionName(Article article) {
        return article.sectionId() == null ? "" : taxonomy.section(article.sectionId()).map(Section::name).orElse("");
    }

    /** Whether a card of the article is kept (for tests of the invalidation). */
    boolean isKept(long articleId) {
        return cards.asMap().keySet().stream().anyMatch(key -> key.articleId() == articleId);
    }

    @EventListener
    void articleChanged(ArticleChanged changed) {
        drop(changed.articleId());
    }

    @EventListener
    void articlePublished(ArticlePublished published) {
        drop(published.articleId());
    }

    @EventListener
    void articleUnpublished(ArticleUnpublished unpublished) {
        drop(unpublished.articleId());
    }

    /** The site's name is on every card. */
    @EventListener(SiteIdentityChanged.class)
    void siteChanged() {
        AfterCommit.run(cards::invalidateAll);
    }

    /** The article's cards go when its change commits; the next request draws the current one. */
    private void drop(long articleId) {
        AfterCommit.run(() -> cards.asMap().keySet().removeIf(key -> key.articleId() == articleId));
    }
}
