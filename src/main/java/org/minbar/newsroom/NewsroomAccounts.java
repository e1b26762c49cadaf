package org.minbar.newsroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features may do with newsroom accounts: create the accounts of imported authors. */
@Service
public class NewsroomAccounts {

    private static final String VALID = "[a-z0-9][a-z0-9._-]{1,49}";

    private final Users users;

    NewsroomAccounts(Users users) {
        this.users = users;
    }

    /**
     * The Minbar username for a login from another system: lower case, characters outside
     * {@code a-z 0-9 . _ -} replaced by '-'; a login with none of them left (an Arabic login, say)
     * becomes {@code author-} and a short hash of it, so that the same login always maps to the same name.
     */
    public static String usernameFor(String login) {
        String name = Users.normalize(login).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
        if (name.length() > 50) {
            name = name.substring(0, 50).replaceAll("[._-]+$", "");
        }
        if (!name.matches(VALID)) {
            name = "author-" + shortHash(login);
        }
        return name;
    }

    /**
     * Creates a disabled writer account for an imported author, with a random password nobody
     * knows (its hash is stored, the password is not): an administrator sets a password and
     * enables the account before anyone can log in with it. Returns the username, or empty when
     * that username already exists (the existing account is left as it is).
     */
    @Transactional
    public Optional<String> addImportedAuthor(String login, String displayName) {
        String username = usernameFor(login);
        if (users.find(username).isPresent()) {
            return Optional.empty();
        }
        users.add(username, displayName, Role.WRITER, Users.generatePassword());
        users.setEnabled(username, false);
        return Optional.of(username);
    }

    /** True when a newsroom account of that username exists. */
    public boolean exists(String username) {
        return users.find(username).isPresent();
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
