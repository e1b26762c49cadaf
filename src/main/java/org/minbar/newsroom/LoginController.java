package org.minbar.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The newsroom's login page (Spring Security handles the POST). */
@Controller
class LoginController {

    @GetMapping("/newsroom/login")
    String login(HttpServletRequest request, Model model) {
        String message = request.getParameter("error") != null ? "اسم المستخدم أو كلمة المرور غير صحيحة."
                : request.getParameter("locked") != null ? "محاولات دخول فاشلة كثيرة. انتظر ربع ساعة ثم حاول مجدداً."
                : null;
        model.addAttribute("error", message);
        model.addAttribute("loggedOut", request.getParameter("logout") != null);
        model.addAttribute("csrf", (CsrfToken) request.getAttribute(CsrfToken.class.getName()));
        return "newsroom/login";
    }
}
