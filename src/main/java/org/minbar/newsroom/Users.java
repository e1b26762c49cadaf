package org.minbar.newsroom;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Newsroom accounts: stored with hashed passwords, loaded for Spring Security's form login. */
@Service
class Users implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    Users(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, role, enabled from newsroom_user where username = ?")
                .param(normalize(username))
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Transactional
    NewsroomUser add(String username, String displayName, Role role, String password) {
        String name = normalize(username);
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,49}")) {
            throw new IllegalArgumentException("a username has 2 to 50 characters: Latin letters, digits, '.', '_' or '-'");
        }
        if (find(name).isPresent()) {
            throw new IllegalArgumentException("user '" + name + "' already exists");
        }
        checkPassword(password);
        // A display name becomes a byline (feeds, exports): cleaned like a title (see CleanText).
        String cleanDisplay = org.minbar.system.CleanText.title(displayName);
        String display = cleanDisplay == null || cleanDisplay.isBlank() ? name : cleanDisplay.strip();
        jdbc.sql("insert into newsroom_user (username, display_name, password_hash, role, enabled, created_at) values (?, ?, ?, ?, true, ?)")
                .params(name, display.length() > 200 ? display.substring(0, 200) : display, passwords.encode(password),
                        role.name(), OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return find(name).orElseThrow();
    }

    @Transactional
    void changePassword(String username, String password) {
        checkPassword(password);
        update(username, "update newsroom_user set password_hash = ? where username = ?", passwords.encode(password));
    }

    @Transactional
    void setEnabled(String username, boolean enabled) {
        update(username, "update newsroom_user set enabled = ? where username = ?", enabled);
    }

    @Transactional
    void setRole(String username, Role role) {
        update(username, "update newsroom_user set role = ? where username = ?", role.name());
    }

    Optional<NewsroomUser> find(String username) {
        return jdbc.sql("select * from newsroom_user where username = ?").param(normalize(username))
                .query((rs, n) -> new NewsroomUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .optional();
    }

    List<NewsroomUser> all() {
        return jdbc.sql("select * from newsroom_user order by username")
                .query((rs, n) -> new NewsroomUser(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from newsroom_user").query(Long.class).single();
    }

    /** A random password of 20 letters and digits (about 116 bits). */
    static String generatePassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private void update(String username, String sql, Object value) {
        if (jdbc.sql(sql).params(value, normalize(username)).update() == 0) {
            throw new IllegalArgumentException("no user '" + normalize(username) + "'");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
