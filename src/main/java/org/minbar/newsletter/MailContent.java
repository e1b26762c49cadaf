package org.minbar.newsletter;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.minbar.system.SiteAddress;
import org.minbar.system.SiteIdentity;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Builds the newsletter's mails: Arabic right-to-left HTML (jte templates under {@code mail/}) with
 * a plain-text part, and the RFC 8058 one-click unsubscribe headers on every newsletter. The site's
 * name is the pages' ({@link SiteIdentity}: as an admin last set it in the newsroom), read for each mail.
 */
@Component
class MailContent {

    // Precompiled by the build like the page templates; this also works where there is no web server (commands).
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final MailGateway gateway;
    private final SiteAddress address;
    private final NewsletterProperties config;
    private final SiteIdentity identity;

    MailContent(MailGateway gateway, SiteAddress address, NewsletterProperties config, SiteIdentity identity) {
        this.gateway = gateway;
        this.address = address;
        this.config = config;
        this.identity = identity;
    }

    String unsubscribeUrl(String token) {
        return address.absolute("/newsletter/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    String confirmUrl(String token) {
        return address.absolute("/newsletter/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    String siteUrl() {
        return address.baseUrl() + "/";
    }

    MimeMessage confirmation(String to, String token) {
        long hours = Math.max(1, config.confirmationTtl().toHours());
        String url = confirmUrl(token);
        String siteName = identity.name();
        MailView view = new MailView(siteName, siteUrl(), "أكّد اشتراكك في النشرة الإخبارية — " + siteName,
                "أكّد اشتراكك في النشرة الإخبارية",
                "طلب أحدهم، ونرجو أن يكون أنت، اشتراك هذا العنوان في النشرة الإخبارية لموقع " + siteName
                        + ". لن نرسل إليك أي نشرة قبل أن تؤكد الاشتراك.",
                List.of(), url, null,
                "ينتهي هذا الرابط بعد " + hours + " ساعة ويعمل مرة واحدة. إن لم تطلب الاشتراك فتجاهل هذه الرسالة.");
        String text = view.heading() + "\n\n" + view.intro() + "\n\nللتأكيد افتح هذا الرابط:\n" + url + "\n\n" + view.footer() + "\n";
        return message(to, view.subject(), text, render("mail/confirm.jte", view), null);
    }

    MimeMessage newsletter(String to, String token, String subject, String heading, String intro, List<MailArticle> articles) {
        String unsubscribe = unsubscribeUrl(token);
        String siteName = identity.name();
        MailView view = new MailView(siteName, siteUrl(), subject, heading, intro, articles, null, unsubscribe,
                "وصلتك هذه الرسالة لأنك اشتركت في النشرة الإخبارية لموقع " + siteName + ".");
        StringBuilder text = new StringBuilder(heading).append("\n\n");
        if (intro != null) {
            text.append(intro).append("\n\n");
        }
        for (MailArticle article : articles) {
            if (article.section() != null) {
                text.append('[').append(article.section()).append("] ");
            }
            text.append(article.title()).append('\n').append(article.url()).append("\n\n");
        }
        text.append("-- \n").append(view.footer()).append("\nإلغاء الاشتراك أو تغيير الأقسام: ").append(unsubscribe).append('\n');
        return message(to, subject, text.toString(), render("mail/newsletter.jte", view), unsubscribe);
    }

    private MimeMessage message(String to, String subject, String text, String html, String unsubscribeUrl) {
        try {
            MimeMessage message = gateway.newMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(new InternetAddress(config.from(), fromName(), "UTF-8"));
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, html);
            if (unsubscribeUrl != null) {
                message.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                message.setHeader("List-Id", "<newsletter." + listHost() + ">");
                message.setHeader("Precedence", "bulk");
                message.setHeader("Auto-Submitted", "auto-generated");
            }
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Cannot build the mail to " + to, e);
        }
    }

    /** {@code minbar.newsletter.from-name}, else the site's name. */
    private String fromName() {
        return config.fromName().isBlank() ? identity.name() : config.fromName();
    }

    private String listHost() {
        String host = java.net.URI.create(address.baseUrl()).getHost();
        return host == null ? "localhost" : host;
    }

    private static String render(String template, MailView view) {
        StringOutput output = new StringOutput(8192);
        TEMPLATES.render(template, view, output);
        return output.toString();
    }

    /** The plain-text part of a message (for the log and for tests). */
    static String plainText(Part part) throws MessagingException, IOException {
        // Decided by the content itself, not the Content-Type header: a message built here has no
        // such headers until saveChanges(), and a part without one counts as text/plain.
        Object content = part.getContent();
        if (content instanceof String text) {
            return part.isMimeType("text/plain") ? text : null;
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = plainText(body);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

}
