package org.minbar.newsletter;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Editors send a breaking-news mail for one published article (a button of the article editor). */
@Controller
@PreAuthorize("hasAnyRole('EDITOR', 'ADMIN')")
class BreakingNewsController {

    private final NewsletterService newsletter;

    BreakingNewsController(NewsletterService newsletter) {
        this.newsletter = newsletter;
    }

    @PostMapping("/newsroom/newsletter/breaking/{articleId}")
    String send(@PathVariable("articleId") long articleId,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        String notice;
        try {
            var queued = newsletter.sendBreaking(articleId);
            notice = "أُرسل الخبر العاجل إلى طابور الإرسال: " + queued.recipients() + " مشتركاً.";
        } catch (IllegalArgumentException e) {
            notice = "لا مقال منشور بهذا الرقم.";
        } catch (IllegalStateException e) {
            notice = "سبق إرسال هذا المقال خبراً عاجلاً.";
        }
        redirect.addFlashAttribute("message", notice);
        return "redirect:/newsroom/articles/" + articleId;
    }
}
