package org.minbar.site;

import org.minbar.newsletter.NewsletterService;
import org.minbar.site.pages.MessagePage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/** The newsletter sign-up form at the foot of every article. */
@Controller
class NewsletterController {

    private final NewsletterService newsletter;
    private final PageBuilder pages;

    NewsletterController(NewsletterService newsletter, PageBuilder pages) {
        this.newsletter = newsletter;
        this.pages = pages;
    }

    @PostMapping("/newsletter/subscribe")
    String subscribe(@RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "from", required = false) String from, Model model, HttpServletResponse response) {
        String back = from != null && from.startsWith("/") && !from.startsWith("//") ? from : "/";
        NewsletterService.SignUp result = newsletter.signUp(email);
        MessagePage page;
        if (result == NewsletterService.SignUp.PENDING) {
            page = new MessagePage(pages.chrome("النشرة الإخبارية", null, null, null), 200, "شكراً لاشتراكك!",
                    "سجّلنا عنوانك في النشرة الإخبارية. سنرسل إليك رسالة لتأكيد الاشتراك.", back, "العودة إلى ما كنت تقرأ");
        } else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            page = new MessagePage(pages.chrome("النشرة الإخبارية", null, null, null), 400, "العنوان غير صالح",
                    "تحقّق من عنوان بريدك الإلكتروني، مثل name@example.com، ثم أعد المحاولة.", back, "العودة وإعادة المحاولة");
        }
        model.addAttribute("page", page);
        return "message";
    }
}
