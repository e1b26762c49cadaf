package org.minbar.site;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.minbar.newsletter.NewsletterService;
import org.minbar.site.pages.MessagePage;
import org.minbar.site.pages.NewsletterPage;
import org.minbar.site.pages.PageChrome;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The newsletter's reader pages: the sign-up form (on every page and at /newsletter), the
 * confirmation link, and the one-click unsubscribe and section preferences. Links from mails show
 * a page with a button (GET) and act on POST, so a mail scanner that follows links changes nothing;
 * mail clients' one-click unsubscribe (RFC 8058) POSTs straight to the link.
 */
@Controller
class NewsletterController {

    private static final String TITLE = "النشرة الإخبارية";

    private final NewsletterService newsletter;
    private final PageBuilder pages;
    private final org.minbar.system.SiteAddress address;

    NewsletterController(NewsletterService newsletter, PageBuilder pages, org.minbar.system.SiteAddress address) {
        this.newsletter = newsletter;
        this.pages = pages;
        this.address = address;
    }

    private PageChrome chrome() {
        return pages.chrome(TITLE, null, null, null);
    }

    @GetMapping("/newsletter")
    String signUpPage(Model model) {
        // The sign-up page is a page of its own (linked from every page): it names its address. The
        // confirmation and unsubscribe pages behind mail links do not: they are for one reader.
        return page(model, new NewsletterPage(pages.chrome(TITLE, null, address.forRequest("/newsletter"), null), 200, TITLE,
                "اشترك في قائمتنا البريدية للحصول على التحديثات الجديدة! نرسل إليك رسالة لتأكيد الاشتراك أولاً.",
                null, null, null, pages.sectionChoices(), List.of(), false));
    }

    /**
     * Where the page's back link may go: a path on this site, else the home page. Browsers read a
     * backslash as a slash and drop tabs and newlines, so {@code /\evil.example} and
     * {@code /<TAB>/evil.example} are other sites: no backslash, control character or space is kept.
     */
    static String localPath(String from) {
        if (from == null || !from.matches("/[^\\\\\\s\\p{Cntrl}\\p{Z}]*") || from.startsWith("//")) {
            return "/";
        }
        return from;
    }

    @PostMapping("/newsletter/subscribe")
    String subscribe(@RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "section", required = false) List<Long> sections,
            @RequestParam(name = "website", required = false) String honeypot, Model model, HttpServletResponse response) {
        String back = localPath(from);
        NewsletterService.SignUp result = newsletter.signUp(email, sections == null ? List.of() : sections, honeypot);
        MessagePage page;
        if (result == NewsletterService.SignUp.PENDING) {
            page = new MessagePage(chrome(), 200, "شكراً لاشتراكك!",
                    "إن لم يكن عنوانك مشتركاً بعد فستصلك رسالة لتأكيد الاشتراك. افتح الرابط الذي فيها لتبدأ النشرة بالوصول.",
                    back, "العودة إلى ما كنت تقرأ");
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            page = new MessagePage(chrome(), 400, "العنوان غير صالح",
                    "تحقّق من عنوان بريدك الإلكتروني، مثل name@example.com، ثم أعد المحاولة.", back, "العودة وإعادة المحاولة");
        }
        model.addAttribute("page", page);
        return "message";
    }

    @GetMapping("/newsletter/confirm")
    String confirmPage(@RequestParam(name = "token", required = false) String token, Model model) {
        return page(model, new NewsletterPage(chrome(), 200, "تأكيد الاشتراك", "اضغط الزر لتأكيد اشتراكك في النشرة الإخبارية.",
                "/newsletter/confirm", token == null ? "" : token, "أؤكد اشتراكي", List.of(), List.of(), false));
    }

    @PostMapping("/newsletter/confirm")
    String confirm(@RequestParam(name = "token", required = false) String token, Model model, HttpServletResponse response) {
        if (newsletter.confirm(token) == NewsletterService.Confirmation.CONFIRMED) {
            return message(model, response, 200, "تم تأكيد اشتراكك", "ستصلك النشرة الإخبارية من الآن. في كل رسالة رابط لإلغاء الاشتراك.");
        }
        return message(model, response, 400, "الرابط غير صالح",
                "انتهت صلاحية رابط التأكيد أو استُخدم من قبل. اشترك من جديد لتصلك رسالة تأكيد جديدة.");
    }

    @GetMapping("/newsletter/unsubscribe")
    String unsubscribePage(@RequestParam(name = "token", required = false) String token, Model model,
            HttpServletResponse response) {
        var subscription = newsletter.subscription(token);
        if (subscription.isEmpty()) {
            return message(model, response, 404, "الرابط غير صالح", "لم نجد اشتراكاً بهذا الرابط.");
        }
        if (!subscription.get().active()) {
            return message(model, response, 200, "لست مشتركاً", "هذا العنوان لا تصله النشرة الإخبارية.");
        }
        return page(model, new NewsletterPage(chrome(), 200, "إلغاء الاشتراك", "اضغط الزر فيتوقف إرسال النشرة إليك فوراً.",
                "/newsletter/unsubscribe", token, "ألغِ اشتراكي", pages.sectionChoices(), subscription.get().sectionIds(), true));
    }

    /** The visible button and mail clients' one-click POST (token in the address, body "List-Unsubscribe=One-Click"). */
    @PostMapping("/newsletter/unsubscribe")
    String unsubscribe(@RequestParam(name = "token", required = false) String token, Model model, HttpServletResponse response) {
        if (!newsletter.unsubscribe(token)) {
            return message(model, response, 404, "الرابط غير صالح", "لم نجد اشتراكاً بهذا الرابط.");
        }
        return message(model, response, 200, "أُلغي اشتراكك", "لن تصلك النشرة الإخبارية بعد الآن. يمكنك الاشتراك من جديد متى شئت.");
    }

    @PostMapping("/newsletter/preferences")
    String preferences(@RequestParam(name = "token", required = false) String token,
            @RequestParam(name = "section", required = false) List<Long> sections, Model model, HttpServletResponse response) {
        if (!newsletter.changeSections(token, sections == null ? List.of() : sections)) {
            return message(model, response, 404, "الرابط غير صالح", "لم نجد اشتراكاً بهذا الرابط.");
        }
        return message(model, response, 200, "حُفظت اختياراتك", "ستصلك النشرة بأخبار الأقسام التي اخترتها.");
    }

    private String page(Model model, NewsletterPage page) {
        model.addAttribute("page", page);
        return "newsletter";
    }

    private String message(Model model, HttpServletResponse response, int status, String heading, String text) {
        response.setStatus(status);
        model.addAttribute("page", new MessagePage(chrome(), status, heading, text, "/", "الصفحة الرئيسية"));
        return "message";
    }
}
