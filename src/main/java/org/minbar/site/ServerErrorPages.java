package org.minbar.site;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.minbar.system.Problems;
import org.minbar.system.SecurityHeaders;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before the application sees them (a request line or headers over
 * {@code server.max-http-request-header-size}, malformed requests) get the site's own error:
 * problem details for JSON endpoints ({@link Problems}), an Arabic page elsewhere, instead of
 * Tomcat's English page. Errors
 * the application handles never reach this (their body is already written).
 */
@Component
class ServerErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            var pipeline = context.getParent().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new SiteErrorReportValve());
            // The host adds its default valve at start unless one of its configured class is there.
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(SiteErrorReportValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's own error valve, which this replaces
    }

    /**
     * The security headers Spring Security writes on every other answer: these requests never reach
     * it. The page has no style, script, image or form, so its policy allows none.
     */
    static void securityHeaders(Request request, Response response) {
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
    }

    /** Public, as the host may create it by its class name. */
    public static final class SiteErrorReportValve extends ErrorReportValve {

        public SiteErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return;
            }
            String uri = request.getRequestURI();
            boolean api = Problems.wantsJson(uri, request.getHeader("Accept"));
            try {
                // Refused before Spring Security's filters ran: its headers are not there yet.
                securityHeaders(request, response);
                SecurityHeaders.addMissing(response);
                response.setCharacterEncoding("UTF-8");
                response.setContentType(api ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : "text/html");
                Writer writer = response.getReporter();
                if (writer == null) {
                    return;
                }
                if (api) {
                    String detail = status != 400 ? null : Problems.inArabic(uri)
                            ? "الطلب طويل جداً أو غير صالح: سطر الطلب أو ترويساته."
                            : "bad request: the request line or headers are too long or malformed";
                    writer.write(Problems.json(Problems.problem(HttpStatusCode.valueOf(status), detail, uri)));
                } else {
                    String heading = SiteErrorController.heading(status);
                    String message = status == 400
                            ? "هذا الطلب طويل جداً أو غير صالح. إن كنت تبحث، فاكتب عبارة بحث أقصر."
                            : SiteErrorController.message(status);
                    writer.write("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + heading
                            + "</title></head><body><main><h1>" + heading + "</h1><p role=\"status\">" + message
                            + "</p><p><a href=\"/\">العودة إلى الصفحة الرئيسية</a></p></main></body></html>");
                }
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client is gone, or the response cannot be written: nothing more to do
            }
        }
    }
}
