package org.minbar.newsroom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.minbar.article.Article;
import org.minbar.article.ArticleEdit;
import org.minbar.article.Contributor;
import org.minbar.article.ContributorRole;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;

/**
 * The editor's fields as the browser sends them (form post or the autosave's JSON). Tags are names
 * separated by commas; contributors one per line as {@code name: role، role}, as a byline reads.
 * A save checks them with Bean Validation (an autosave keeps whatever was typed); the messages are
 * the ones the editor sees.
 */
public record EditorForm(
        @NotBlank(message = TITLE_MISSING) @Size(max = MAX_TITLE, message = TITLE_TOO_LONG) String title,
        String body, String excerpt, String sourceLabel, @KnownSection Long sectionId, String tags,
        String contributors, String leadImageUrl, String leadImageAlt, Long leadMediaId, String seoTitle,
        String seoDescription, Boolean autoReadAlso, Integer version) {

    static final int MAX_TAGS = 30;
    /** As the article service allows. */
    static final int MAX_TITLE = 500;
    static final String TITLE_MISSING = "اكتب عنواناً للمقال.";
    static final String TITLE_TOO_LONG = "العنوان أطول من " + MAX_TITLE + " حرف: اختصره.";

    ArticleEdit toEdit(TaxonomyService taxonomy) {
        List<Long> tagIds = new ArrayList<>();
        for (String name : splitList(tags)) {
            if (tagIds.size() < MAX_TAGS && name.length() <= 100) {
                tagIds.add(taxonomy.ensureTag(name).id());
            }
        }
        return new ArticleEdit(title, body, excerpt, sourceLabel, sectionId, tagIds, parseContributors(contributors),
                leadImageUrl, leadImageAlt, leadMediaId, seoTitle, seoDescription, autoReadAlso == null || autoReadAlso);
    }

    static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,،\\n]")) {
                String item = part.strip();
                if (!item.isEmpty() && !items.contains(item)) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    static List<Contributor> parseContributors(String text) {
        List<Contributor> result = new ArrayList<>();
        if (text == null) {
            return result;
        }
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).strip();
            if (name.isEmpty()) {
                continue;
            }
            List<ContributorRole> roles = new ArrayList<>();
            if (colon >= 0) {
                for (String word : line.substring(colon + 1).split("\\s*[,،]\\s*|\\s+و")) {
                    ContributorRole.fromArabic(word).or(() -> code(word)).filter(r -> !roles.contains(r)).ifPresent(roles::add);
                }
            }
            result.add(new Contributor(name, roles.isEmpty() ? List.of(ContributorRole.WRITTEN) : roles));
        }
        return result;
    }

    private static java.util.Optional<ContributorRole> code(String word) {
        for (ContributorRole role : ContributorRole.values()) {
            if (role.code().equalsIgnoreCase(word.strip())) {
                return java.util.Optional.of(role);
            }
        }
        return java.util.Optional.empty();
    }

    static String contributorsText(List<Contributor> contributors) {
        StringBuilder text = new StringBuilder();
        for (Contributor c : contributors) {
            text.append(c.name()).append(": ")
                    .append(String.join("، ", c.roles().stream().map(ContributorRole::arabic).toList())).append('\n');
        }
        return text.toString().strip();
    }

    static String tagsText(TaxonomyService taxonomy, List<Long> tagIds) {
        return String.join("، ", taxonomy.tags(tagIds).stream().map(Tag::name).toList());
    }

    static EditorForm of(Article article, TaxonomyService taxonomy) {
        return of(ArticleEdit.of(article), article.version(), taxonomy);
    }

    static EditorForm of(ArticleEdit edit, int version, TaxonomyService taxonomy) {
        return new EditorForm(edit.title(), edit.bodyHtml(), edit.excerpt(), edit.sourceLabel(), edit.sectionId(),
                tagsText(taxonomy, edit.tagIds()), contributorsText(edit.contributors()), edit.leadImageUrl(),
                edit.leadImageAlt(), edit.leadMediaId(), edit.seoTitle(), edit.seoDescription(), edit.autoReadAlso(), version);
    }
}
