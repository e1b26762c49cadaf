package org.minbar.recommend;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Recommendations' settings, with their defaults (and nowhere else).
 *
 * @param countViews count page views for «منشورات شائعة»; off, the block shows the newest articles
 * @param autoReadAlso inline "read also" promos the site adds to an article whose editors placed none (a per-article
 *        switch)
 */
@ConfigurationProperties("minbar.recommend")
@Validated
public record RecommendProperties(@DefaultValue("true") boolean countViews, @DefaultValue @Valid AutoReadAlso autoReadAlso) {

    /**
     * @param max at most this many promos, of the most related articles, never repeated in the related block
     * @param every one promo after every this many paragraphs; 0: none
     */
    public record AutoReadAlso(
            @PositiveOrZero(message = "must be 0 or more") @DefaultValue("2") int max,
            @PositiveOrZero(message = "must be 0 or more") @DefaultValue("3") int every) {
    }
}
