package org.minbar.distribution;

import java.util.Map;
import org.minbar.article.ArticleSummary;
import org.minbar.distribution.ArticleApiController.ListItem;
import org.minbar.distribution.ArticleApiController.SectionRef;
import org.minbar.system.SiteAddress;
import org.minbar.taxonomy.Section;
import org.springframework.stereotype.Component;

/** The API's links, absolute as the caller should follow them, and the article and section references its answers share. */
@Component
class ApiLinks {

    private final SiteAddress address;

    ApiLinks(SiteAddress address) {
        this.address = address;
    }

    String url(String path) {
        return address.forRequest(path);
    }

    ListItem item(ArticleSummary s, Map<Long, Section> sections) {
        Section section = s.sectionId() == null ? null : sections.get(s.sectionId());
        return new ListItem(s.id(), s.title(), url(s.path()), s.excerpt(), section == null ? null : sectionRef(section),
                s.publishedAt());
    }

    SectionRef sectionRef(Section s) {
        return new SectionRef(s.slug(), s.name(), url(s.path()));
    }
}
