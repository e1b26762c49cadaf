package org.minbar.recommend;

import java.time.Duration;

/** How far back "popular" looks, and how fast a view loses weight with age. */
public enum PopularWindow {
    DAY(Duration.ofDays(1), Duration.ofHours(6)),
    WEEK(Duration.ofDays(7), Duration.ofHours(36));

    private final Duration length;
    private final Duration halfLife;

    PopularWindow(Duration length, Duration halfLife) {
        this.length = length;
        this.halfLife = halfLife;
    }

    public Duration length() {
        return length;
    }

    /** A view this old counts half as much as one now. */
    public Duration halfLife() {
        return halfLife;
    }
}
