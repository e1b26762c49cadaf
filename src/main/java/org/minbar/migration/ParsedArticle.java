package org.minbar.migration;

import java.util.List;
import org.minbar.article.Contributor;

/** An article read from the seed's text format, before it is stored. */
record ParsedArticle(String title, List<Block> body, String sourceLabel, List<Contributor> contributors,
        List<String> tags, List<String> sectionNames) {

    sealed interface Block permits Paragraph, Subheading, ReadAlsoPromo {
    }

    record Paragraph(String text) implements Block {
    }

    record Subheading(String text) implements Block {
    }

    record ReadAlsoPromo(String title) implements Block {
    }

    long count(Class<? extends Block> kind) {
        return body.stream().filter(kind::isInstance).count();
    }
}
