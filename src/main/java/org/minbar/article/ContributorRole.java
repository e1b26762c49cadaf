package org.minbar.article;

import java.util.Optional;

/** The roles of an Arabic byline, as in "إعداد وتحرير: أحمد قطمة". */
public enum ContributorRole {
    PREPARED("إعداد"),
    EDITED("تحرير"),
    WRITTEN("كتابة"),
    TRANSLATED("ترجمة"),
    PHOTOGRAPHED("تصوير");

    private final String arabic;

    ContributorRole(String arabic) {
        this.arabic = arabic;
    }

    /** The word a byline uses for this role. */
    public String arabic() {
        return arabic;
    }

    /** The lower-case code used in the API, such as {@code prepared}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The role a byline word names; {@code بقلم} ("by the pen of") is writing. */
    public static Optional<ContributorRole> fromArabic(String word) {
        String w = word.strip();
        if (w.equals("بقلم")) {
            return Optional.of(WRITTEN);
        }
        for (ContributorRole role : values()) {
            if (role.arabic.equals(w)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
