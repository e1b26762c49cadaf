package org.minbar.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Nagle's algorithm must be off on SMTP connections (see {@link NoDelaySocketFactory}). */
class MailGatewaySocketTests {

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
    void aConfiguredSocketFactoryAndSmtpsAreLeftAlone() {
        JavaMailSenderImpl own = new JavaMailSenderImpl();
        own.getJavaMailProperties().put("mail.smtp.socketFactory.class", "javax.net.ssl.SSLSocketFactory");
        assertThat(MailGateway.withoutNagle(own).getProperties().get("mail.smtp.socketFactory")).isNull();

        JavaMailSenderImpl smtps = new JavaMailSenderImpl();
        smtps.setProtocol("smtps");
        assertThat(MailGateway.withoutNagle(smtps).getProperties()).doesNotContainKeys("mail.smtps.socketFactory", "mail.smtp.socketFactory");
    }
}
