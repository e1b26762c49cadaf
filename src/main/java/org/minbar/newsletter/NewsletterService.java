package org.minbar.newsletter;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Newsletter sign-up: validates the address and keeps it as a pending subscriber. */
@Service
public class NewsletterService {

    public enum SignUp { PENDING, INVALID_ADDRESS }

    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    NewsletterService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static boolean valid(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
    }

    /**
     * Signs an address up as pending. Signing up twice changes nothing, and the answer is the same
     * either way, so the form does not reveal who is subscribed.
     */
    @Transactional
    public SignUp signUp(String rawAddress) {
        String address = rawAddress == null ? "" : rawAddress.strip().toLowerCase(Locale.ROOT);
        if (!valid(address)) {
            return SignUp.INVALID_ADDRESS;
        }
        boolean known = jdbc.sql("select count(*) from newsletter_subscriber where email = ?").param(address)
                .query(Integer.class).single() > 0;
        if (!known) {
            byte[] token = new byte[24];
            RANDOM.nextBytes(token);
            jdbc.sql("insert into newsletter_subscriber (email, status, token, created_at) values (?, 'PENDING', ?, ?)")
                    .params(address, HexFormat.of().formatHex(token), OffsetDateTime.now(ZoneOffset.UTC)).update();
        }
        return SignUp.PENDING;
    }

    /** The status of an address ("PENDING", ...), if it signed up. */
    public java.util.Optional<String> status(String address) {
        return jdbc.sql("select status from newsletter_subscriber where email = ?")
                .param(address.strip().toLowerCase(Locale.ROOT)).query(String.class).optional();
    }
}
