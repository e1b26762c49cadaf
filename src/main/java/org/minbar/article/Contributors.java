package org.minbar.article;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The people named in bylines (writers, photographers, translators) and their published articles. */
@Service
public class Contributors {

    private final ContributorRepository repository;

    Contributors(ContributorRepository repository) {
        this.repository = repository;
    }

    /** Contributors named on published articles, by name, with their article counts. */
    public List<ContributorCount> contributors(int limit, int offset) {
        return repository.contributors(limit, offset);
    }

    public long countContributors() {
        return repository.countContributors();
    }

    /** A contributor named on at least one published article: names only on drafts, schedules or withdrawn articles stay in the newsroom. */
    public Optional<ContributorCount> contributor(long id) {
        return repository.contributor(id).filter(c -> c.articles() > 0);
    }

    /** A contributor's published articles, newest first. */
    public List<ArticleSummary> publishedByContributor(long contributorId, int limit, int offset) {
        return repository.byContributor(contributorId, limit, offset);
    }
}
