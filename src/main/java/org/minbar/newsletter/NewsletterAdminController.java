package org.minbar.newsletter;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The newsroom's newsletter page for administrators: counts, last sends, send now, export, erase. */
@Controller
@RequestMapping("/newsroom/newsletter")
@PreAuthorize("hasRole('ADMIN')")
class NewsletterAdminController {

    private final NewsletterService newsletter;
    private final MailGateway gateway;

    NewsletterAdminController(NewsletterService newsletter, MailGateway gateway) {
        this.newsletter = newsletter;
        this.gateway = gateway;
    }

    @GetMapping
    String page(@RequestParam(name = "notice", required = false) String notice, CsrfToken csrf, Model model) {
        model.addAttribute("page", new NewsletterAdminPage(newsletter.subscriberCounts(), newsletter.recentEditions(20),
                notice, gateway.smtpConfigured()));
        model.addAttribute("csrf", csrf);
        return "newsroom/newsletter";
    }

    @PostMapping("/digest")
    String sendDigest() {
        String notice = newsletter.sendDigestNow()
                .map(q -> "وُضعت النشرة رقم " + q.editionId() + " في طابور الإرسال: " + q.articles() + " مقالاً إلى "
                        + q.recipients() + " مشتركاً.")
                .orElse("لا نشرة: لم يُنشر أي مقال منذ النشرة السابقة.");
        return redirect(notice);
    }

    @GetMapping("/subscribers.csv")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"subscribers.csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        newsletter.exportCsv(out);
        out.flush();
    }

    @PostMapping("/delete")
    String delete(@RequestParam("email") String email) {
        return redirect(newsletter.deleteSubscriber(email) ? "حُذف العنوان وكل ما يتعلق به." : "لا مشترك بهذا العنوان.");
    }

    static String redirect(String notice) {
        return "redirect:/newsroom/newsletter?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
