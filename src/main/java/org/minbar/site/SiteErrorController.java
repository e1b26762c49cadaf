package org.minbar.site;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minbar.site.pages.MessagePage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** Errors in Arabic for readers, and as JSON under {@code /api/}. */
@Controller
class SiteErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(SiteErrorController.class);

    private final PageBuilder pages;

    SiteErrorController(PageBuilder pages) {
        this.pages = pages;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
            log.error("Request {} failed", uri, t);
        }
        if (uri.startsWith("/api/")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", englishMessage(status));
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
        }
        response.setStatus(status);
        MessagePage page;
        try {
            page = new MessagePage(pages.chrome(heading(status), null, null, null), status, heading(status),
                    message(status), "/", "العودة إلى الصفحة الرئيسية");
        } catch (RuntimeException e) {
            // The database may be the cause: answer with a page that needs nothing from it.
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
            case 429 -> "أرسلت طلبات كثيرة في وقت قصير. انتظر قليلاً ثم أعد المحاولة.";
            case 503 -> "هذه الخدمة غير متاحة مؤقتاً. أعد المحاولة بعد قليل.";
            default -> status >= 500 ? "نعتذر، حدث خطأ غير متوقع أثناء عرض هذه الصفحة. حاول مرة أخرى بعد قليل."
                    : "تعذّر تنفيذ الطلب.";
        };
    }

    static String englishMessage(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 400 -> "bad request";
            case 403 -> "forbidden";
            case 405 -> "method not allowed";
            case 429 -> "too many requests; retry after the number of seconds in the Retry-After header";
            case 503 -> "temporarily unavailable; try again shortly";
            default -> status >= 500 ? "internal error" : "request failed";
        };
    }
}
