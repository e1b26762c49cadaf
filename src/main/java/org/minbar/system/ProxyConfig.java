package org.minbar.system;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Behind a TLS-terminating proxy: Tomcat's {@link RemoteIpValve} takes the client's address and
 * scheme from X-Forwarded-For / X-Forwarded-Proto, but only on connections from the proxies named in
 * {@code minbar.proxies}, so that every feature asking for "the client address"
 * ({@code request.getRemoteAddr()}: rate limits, login lock-out, view counting, audit) and
 * {@code request.isSecure()} (Secure session cookie, HSTS) gets the one resolved answer. With no
 * proxy named there is no valve: a client cannot choose its own address or claim https.
 * {@code server.forward-headers-strategy} stays unset (Spring Boot's own valve would trust every
 * private-range address by default).
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ProxyConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxies(SystemProperties properties) {
        return factory -> {
            if (properties.proxies().isEmpty()) {
                return;
            }
            RemoteIpValve valve = new RemoteIpValve();
            valve.setInternalProxies(properties.proxies().stream().map(ProxyConfig::addressPattern)
                    .collect(Collectors.joining("|")));
            valve.setTrustedProxies(null);
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setProxiesHeader("X-Forwarded-By");
            factory.addEngineValves(valve);
        };
    }

    /** An address as Tomcat sees it; IPv6 loopback in both of the forms it may take. */
    private static String addressPattern(String address) {
        if (address.equals("::1") || address.equals("0:0:0:0:0:0:0:1")) {
            return Pattern.quote("0:0:0:0:0:0:0:1") + "|" + Pattern.quote("::1");
        }
        return Pattern.quote(address);
    }
}
