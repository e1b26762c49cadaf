package org.minbar.newsroom;

/** What a newsroom account may do; each role can do what the one before it can. */
public enum Role {
    WRITER("كاتب"), EDITOR("محرر"), ADMIN("مدير");

    private final String arabicName;

    Role(String arabicName) {
        this.arabicName = arabicName;
    }

    public String arabicName() {
        return arabicName;
    }

    String authority() {
        return "ROLE_" + name();
    }

    static Role parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown role '" + value + "' (writer, editor or admin)");
        }
    }
}
