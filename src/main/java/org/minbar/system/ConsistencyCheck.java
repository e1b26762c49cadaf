package org.minbar.system;

import java.util.function.Consumer;

/**
 * One feature's invariants, checked by the {@code verify} command: each feature that keeps data
 * (the articles, the search index, the newsletter outbox, ...) contributes a bean. A check reports
 * every difference it finds as one English line to {@code difference}, and nothing when all is
 * well; it writes nothing. Checks run through the running site when there is one, so a derived copy
 * that is still catching up (an index update a moment behind) may be checked again before it counts.
 */
public interface ConsistencyCheck {

    /** What is checked, for the summary: "articles", "search index", ... */
    String subject();

    /** Reports each difference found, one line each. */
    void check(Consumer<String> difference);
}
