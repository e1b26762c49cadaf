package org.minbar.newsroom;

import java.util.Arrays;
import java.util.List;
import org.minbar.article.Article;
import org.minbar.article.ArticleStatus;
import org.minbar.newsroom.views.ArticleHeading;
import org.minbar.newsroom.views.Choice;
import org.minbar.newsroom.views.TaxonomyEntry;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.Tag;

/**
 * Other modules' types turned into the newsroom's view records, so that templates, which the module
 * checks cannot see, depend on this module alone.
 */
final class NewsroomViews {

    private NewsroomViews() {
    }

    static ArticleHeading heading(Article a) {
        return new ArticleHeading(a.id(), a.title(), a.status().name(), a.status().arabicName(), a.version(), a.published(),
                a.path());
    }

    static List<Choice> sectionChoices(List<Section> sections) {
        return sections.stream().map(s -> new Choice(String.valueOf(s.id()), s.name())).toList();
    }

    static List<Choice> statusChoices() {
        return Arrays.stream(ArticleStatus.values()).map(s -> new Choice(s.name(), s.arabicName())).toList();
    }

    static List<TaxonomyEntry> sectionEntries(List<Section> sections) {
        return sections.stream().map(s -> new TaxonomyEntry(s.name(), s.path(),
                s.kind() == SectionKind.IMAGE_LED ? "(قسم مصوّر)" : "")).toList();
    }

    static List<TaxonomyEntry> tagEntries(List<Tag> tags) {
        return tags.stream().map(t -> new TaxonomyEntry(t.name(), t.path(), "")).toList();
    }
}
