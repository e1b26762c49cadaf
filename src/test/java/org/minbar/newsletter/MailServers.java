package org.minbar.newsletter;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server (GreenMail) on a fixed free port, so that it can be stopped and started again. */
final class MailServers {

    private MailServers() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GreenMail greenMail(int port) {
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    static void register(DynamicPropertyRegistry registry, int port) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
    }

    static String plainText(MimeMessage message) {
        try {
            return MailContent.plainText(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String link(MimeMessage message, String path) {
        Matcher m = Pattern.compile("https?://[^\\s\"<>]+" + Pattern.quote(path) + "\\?token=[0-9a-f]+").matcher(plainText(message));
        if (!m.find()) {
            throw new AssertionError("No " + path + " link in:\n" + plainText(message));
        }
        return m.group();
    }

    static List<String> recipients(GreenMail mail) {
        return java.util.Arrays.stream(mail.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
