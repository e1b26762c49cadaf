package org.minbar.newsletter;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Where mails go: the SMTP server of {@code spring.mail.*}, or the log when none is configured.
 * A {@link Connection} keeps one SMTP connection open across many messages, so that each message
 * still gets its own outcome (which the outbox records) without a connection per message.
 */
@Component
class MailGateway {

    private static final Logger log = LoggerFactory.getLogger(MailGateway.class);

    /** What happened to one message. */
    enum Outcome { DELIVERED, TEMPORARY, PERMANENT }

    /** {@code replied}: false when the server gave no answer (refused connection, timeout). */
    record Result(Outcome outcome, String error, boolean replied) {
        static final Result DELIVERED = new Result(Outcome.DELIVERED, null, true);
    }

    interface Connection extends AutoCloseable {
        Result send(MimeMessage message);

        @Override
        void close();
    }

    private final JavaMailSenderImpl smtp;
    private final Session session;

    MailGateway(ObjectProvider<JavaMailSender> senders) {
        JavaMailSender sender = senders.getIfAvailable();
        this.smtp = sender instanceof JavaMailSenderImpl impl ? impl : null;
        this.session = smtp != null ? withoutNagle(smtp) : Session.getInstance(new Properties());
        if (smtp == null) {
            log.info("No SMTP server configured (spring.mail.host): newsletter mails are written to the log");
        }
    }

    /**
     * The sender's session, with {@link NoDelaySocketFactory} for plain SMTP (STARTTLS included)
     * unless a socket factory is configured. SMTPS keeps Jakarta Mail's own SSL sockets.
     */
    static Session withoutNagle(JavaMailSenderImpl smtp) {
        String protocol = smtp.getProtocol() == null ? "smtp" : smtp.getProtocol();
        Properties properties = smtp.getJavaMailProperties();
        String key = "mail." + protocol + ".socketFactory";
        if ("smtp".equals(protocol) && !properties.containsKey(key) && !properties.containsKey(key + ".class")) {
            properties.put(key, new NoDelaySocketFactory());
            smtp.setJavaMailProperties(properties);
        }
        return smtp.getSession();
    }

    /**
     * A new message. With SMTP configured it is the sender's own kind of message, which carries the
     * sender's file type map: otherwise {@code MimeMessageHelper} parses Spring's {@code mime.types}
     * again for every message, a large share of the cost of a newsletter of many recipients.
     */
    MimeMessage newMessage() {
        return smtp != null ? smtp.createMimeMessage() : new MimeMessage(session);
    }

    boolean smtpConfigured() {
        return smtp != null;
    }

    Connection open() {
        return smtp == null ? new LogConnection() : new SmtpConnection();
    }

    private static final class LogConnection implements Connection {
        @Override
        public Result send(MimeMessage message) {
            try {
                // As before an SMTP send: sets the parts' Content-Type headers the plain text is looked up by.
                message.saveChanges();
                log.info("Mail (no SMTP server configured) to {}: {}\n{}", addresses(message.getAllRecipients()),
                        message.getSubject(), MailContent.plainText(message));
                return Result.DELIVERED;
            } catch (MessagingException | IOException | RuntimeException e) {
                // Writing to the log cannot get better by retrying.
                log.warn("Could not write a mail to the log", e);
                return new Result(Outcome.PERMANENT, String.valueOf(e.getMessage()), true);
            }
        }

        @Override
        public void close() {
        }
    }

    private final class SmtpConnection implements Connection {
        private Transport transport;

        @Override
        public Result send(MimeMessage message) {
            try {
                if (transport == null || !transport.isConnected()) {
                    transport = session.getTransport(smtp.getProtocol() == null ? "smtp" : smtp.getProtocol());
                    transport.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
                }
                if (message.getSentDate() == null) {
                    message.setSentDate(new java.util.Date());
                }
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
                return Result.DELIVERED;
            } catch (MessagingException e) {
                Result result = classify(e);
                if (result.outcome() == Outcome.TEMPORARY || !(e instanceof jakarta.mail.SendFailedException)) {
                    close(); // the conversation may be in any state; the next message starts afresh
                }
                return result;
            }
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // already broken
                }
                transport = null;
            }
        }
    }

    /** 5xx replies are permanent; 4xx replies and failures without a reply (connection, timeout) are temporary. */
    static Result classify(Exception e) {
        int code = replyCode(e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (message.length() > 450) {
            message = message.substring(0, 450);
        }
        if (code >= 500) {
            return new Result(Outcome.PERMANENT, code + " " + message, true);
        }
        return new Result(Outcome.TEMPORARY, (code > 0 ? code + " " : "") + message, code > 0);
    }

    private static int replyCode(Throwable e) {
        for (Throwable t = e; t != null; ) {
            // Angus Mail's SMTP*FailedException carry the reply code; the implementation is only on the runtime classpath.
            try {
                Object code = t.getClass().getMethod("getReturnCode").invoke(t);
                if (code instanceof Integer c && c > 0) {
                    return c;
                }
            } catch (ReflectiveOperationException ignored) {
                // no reply code on this one
            }
            Throwable next = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
            t = next == t ? null : next;
        }
        return -1;
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (Address a : addresses) {
            s.append(s.isEmpty() ? "" : ", ").append(a);
        }
        return s.toString();
    }
}
