package org.minbar.article;

import java.util.List;

/** A person named on an article, with what they did for it. */
public record Contributor(String name, List<ContributorRole> roles) {

    public Contributor {
        roles = List.copyOf(roles);
    }
}
