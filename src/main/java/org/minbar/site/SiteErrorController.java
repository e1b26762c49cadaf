package org.minbar.site;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minbar.site.pages.MessagePage;
import org.minbar.system.Problems;
import org.minbar.system.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The answer to every error that reaches {@code /error} (those the controllers do not answer
 * themselves, and the security filters' 401 and 403): an Arabic page for readers and the newsroom's
 * pages, RFC 9457 problem details for JSON endpoints ({@link Problems}). {@code /error} asked for
 * directly is not a page: 404.
 */
@Controller
class SiteErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(SiteErrorController.class);

    private final PageBuilder pages;
    private final org.minbar.system.SiteAddress address;

    SiteErrorController(PageBuilder pages, org.minbar.system.SiteAddress address) {
        this.pages = pages;
        this.address = address;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
        // An exception thrown inside Spring Security's filters (a form Tomcat cannot decode) reaches
        // this page without the headers those filters write when the answer is sent.
        SecurityHeaders.addMissing(response);
        boolean dispatched = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer;
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        String uri = dispatched && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original
                ? original : request.getRequestURI();
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
            if (status >= 500) {
                log.error("Request {} failed", uri, t);
            } else {
                log.info("Request {} answered {}: {}", uri, status, t.toString());
            }
        }
        if (Problems.wantsJson(uri, request.getHeader(HttpHeaders.ACCEPT))) {
            ProblemDetail problem = Problems.problem(HttpStatusCode.valueOf(status), null, uri);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        response.setStatus(status);
        MessagePage page;
        try {
            // A 404 names the address asked for as its canonical (never another page's: that would tell
            // search engines the missing page is that one); other errors are not about an address.
            String canonical = status == 404 && uri.startsWith("/") ? address.forRequest(uri) : null;
            page = new MessagePage(pages.chrome(heading(status), null, canonical, null), status, heading(status),
                    message(status), "/", "العودة إلى الصفحة الرئيسية");
        } catch (RuntimeException e) {
            // The database may be the cause: answer with a page that needs nothing from it.
            log.warn("Could not build the page around the {} error page for {}; answering without it", status, uri, e);
            page = new MessagePage(new org.minbar.site.pages.PageChrome(pages.siteName(), "", java.util.List.of(), "",
                    heading(status), "", null, ""), status, heading(status), message(status), "/", "العودة إلى الصفحة الرئيسية");
        }
        model.addAttribute("page", page);
        return new ModelAndView("message", model.asMap());
    }

    static String heading(int status) {
        return switch (status) {
            case 404 -> "الصفحة غير موجودة";
            case 400 -> "طلب غير صالح";
            case 403 -> "غير مسموح";
            case 405 -> "طريقة الطلب غير مسموحة";
            case 413 -> "الطلب كبير جداً";
            case 429 -> "طلبات كثيرة";
            case 503 -> "الخدمة غير متاحة مؤقتاً";
            default -> status >= 500 ? "حدث خطأ في الموقع" : "تعذّر تنفيذ الطلب";
        };
    }

    static String message(int status) {
        return switch (status) {
            case 404 -> "لم نجد ما تبحث عنه. ربما نُقلت الصفحة أو حُذفت، أو أن الرابط غير صحيح. جرّب البحث أو عد إلى الصفحة الرئيسية.";
            case 400 -> "لم نفهم هذا الطلب. تحقّق من الرابط أو من البيانات المرسلة.";
            case 403 -> "ليس لديك إذن بالوصول إلى هذه الصفحة.";
            case 413 -> "ما أرسلته أكبر من الحد المسموح.";
            case 429 -> "أرسلت طلبات كثيرة في وقت قصير. انتظر قليلاً ثم أعد المحاولة.";
            case 503 -> "هذه الخدمة غير متاحة مؤقتاً. أعد المحاولة بعد قليل.";
            default -> status >= 500 ? "نعتذر، حدث خطأ غير متوقع أثناء عرض هذه الصفحة. حاول مرة أخرى بعد قليل."
                    : "تعذّر تنفيذ الطلب.";
        };
    }
}
