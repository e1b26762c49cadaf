package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.Map;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** What keeps a newsletter of many recipients fast: Nagle off on SMTP sockets, messages made by the sender. */
class MailGatewayTests {

    @Test
    void plainSmtpGetsSocketsWithNagleOff() throws Exception {
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        Object factory = MailGateway.withoutNagle(smtp).getProperties().get("mail.smtp.socketFactory");
        assertThat(factory).isInstanceOf(NoDelaySocketFactory.class);
        try (Socket socket = ((SocketFactory) factory).createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void messagesShareTheSendersFileTypeMapInsteadOfParsingMimeTypesEachTime() throws Exception {
        JavaMailSenderImpl smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        MailGateway gateway = new MailGateway(new StaticListableBeanFactory(Map.of("sender", smtp)).getBeanProvider(JavaMailSender.class));
        assertThat(new MimeMessageHelper(gateway.newMessage()).getFileTypeMap()).isSameAs(smtp.getDefaultFileTypeMap());
        assertThat(gateway.newMessage().getSession().getProperties().get("mail.smtp.socketFactory"))
                .isInstanceOf(NoDelaySocketFactory.class);
    }

    @Test
    void aConfiguredSocketFactoryAndSmtpsAreLeftAlone() {
        JavaMailSenderImpl own = new JavaMailSenderImpl();
        own.getJavaMailProperties().put("mail.smtp.socketFactory.class", "javax.net.ssl.SSLSocketFactory");
        assertThat(MailGateway.withoutNagle(own).getProperties().get("mail.smtp.socketFactory")).isNull();

        JavaMailSenderImpl smtps = new JavaMailSenderImpl();
        smtps.setProtocol("smtps");
        assertThat(MailGateway.withoutNagle(smtps).getProperties()).doesNotContainKeys("mail.smtps.socketFactory", "mail.smtp.socketFactory");
    }
}
