package org.minbar.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.minbar.newsroom.views.AuditRow;
import org.minbar.system.AuditLog;
import org.minbar.system.SiteIdentity;
import org.minbar.taxonomy.SectionKind;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admins only: accounts, sections and tags, site settings, and the audit log. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminController {

    static final int AUDIT_PAGE = 100;

    private final Users users;
    private final AuditLog audit;
    private final TaxonomyService taxonomy;
    private final NewsroomPages pages;
    private final SiteIdentity identity;

    AdminController(Users users, AuditLog audit, TaxonomyService taxonomy, NewsroomPages pages, SiteIdentity identity) {
        this.identity = identity;
        this.users = users;
        this.audit = audit;
        this.taxonomy = taxonomy;
        this.pages = pages;
    }

    @ModelAttribute("csrf")
    CsrfToken csrf(HttpServletRequest request) {
        return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    }

    @GetMapping("/newsroom/users")
    String users(Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("roles", List.of(Role.values()));
        model.addAttribute("password", model.getAttribute("password"));
        return "newsroom/users";
    }

    @PostMapping("/newsroom/users")
    String add(@RequestParam String username, @RequestParam(required = false) String displayName, @RequestParam String role,
            Authentication auth, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            String password = Users.generatePassword();
            NewsroomUser user = users.add(username, displayName, Role.parse(role), password);
            audit.record(auth.getName(), "user-added", user.username(), user.role().name(), request.getRemoteAddr());
            redirect.addFlashAttribute("message", "أُضيف الحساب " + user.username() + ". كلمة المرور (تظهر مرة واحدة): " + password);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "لم يُضف الحساب: " + e.getMessage());
        }
        return "redirect:/newsroom/users";
    }

    @PostMapping("/newsroom/users/{username}")
    String change(@PathVariable String username, @RequestParam String action, @RequestParam(required = false) String role,
            Authentication auth, HttpServletRequest request, RedirectAttributes redirect) {
        if (Users.normalize(username).equals(auth.getName()) && !action.equals("passwd")) {
            redirect.addFlashAttribute("error", "لا يمكنك تعطيل حسابك أو تغيير دورك بنفسك.");
            return "redirect:/newsroom/users";
        }
        try {
            switch (action) {
                case "disable" -> users.setEnabled(username, false);
                case "enable" -> users.setEnabled(username, true);
                case "role" -> users.setRole(username, Role.parse(role == null ? "" : role));
                case "passwd" -> {
                    String password = Users.generatePassword();
                    users.changePassword(username, password);
                    redirect.addFlashAttribute("message", "كلمة المرور الجديدة لـ " + username + " (تظهر مرة واحدة): " + password);
                }
                default -> throw new IllegalArgumentException("unknown action " + action);
            }
            audit.record(auth.getName(), "user-" + action, Users.normalize(username), role, request.getRemoteAddr());
            if (!action.equals("passwd")) {
                redirect.addFlashAttribute("message", "حُدّث الحساب " + username + ".");
            }
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "لم يُحدَّث الحساب: " + e.getMessage());
        }
        return "redirect:/newsroom/users";
    }

    @GetMapping("/newsroom/audit")
    String audit(@RequestParam(required = false) String action, @RequestParam(defaultValue = "1")
            @Min(value = 1, message = ArticlesController.PAGE_RANGE) @Max(value = ArticlesController.MAX_PAGE,
                    message = ArticlesController.PAGE_RANGE) int page, Model model) {
        int current = page;
        List<AuditLog.Entry> entries = audit.recent(action == null || action.isBlank() ? null : action, AUDIT_PAGE + 1,
                (current - 1) * AUDIT_PAGE);
        model.addAttribute("entries", entries.stream().limit(AUDIT_PAGE).map(e -> new AuditRow(pages.format(e.at()), e.actor(),
                e.action(), e.subject(), e.detail(), e.address())).toList());
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", entries.size() > AUDIT_PAGE);
        return "newsroom/audit";
    }

    @GetMapping("/newsroom/settings")
    String settings(Model model) {
        model.addAttribute("name", identity.name());
        model.addAttribute("tagline", identity.tagline());
        return "newsroom/settings";
    }

    @PostMapping("/newsroom/settings")
    String changeSettings(@RequestParam String name, @RequestParam(defaultValue = "") String tagline, Authentication auth,
            HttpServletRequest request, RedirectAttributes redirect) {
        try {
            identity.change(name, tagline);
            audit.record(auth.getName(), "settings-changed", "site name", name + " | " + tagline, request.getRemoteAddr());
            redirect.addFlashAttribute("message", "حُفظت الإعدادات.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "لم تُحفظ الإعدادات: اسم الموقع من 1 إلى 100 حرف، والشعار حتى 200.");
        }
        return "redirect:/newsroom/settings";
    }

    @GetMapping("/newsroom/taxonomy")
    String taxonomy(Model model) {
        model.addAttribute("sections", NewsroomViews.sectionEntries(taxonomy.sections()));
        model.addAttribute("tags", NewsroomViews.tagEntries(taxonomy.allTags()));
        return "newsroom/taxonomy";
    }

    @PostMapping("/newsroom/sections")
    String addSection(@RequestParam String name, @RequestParam(defaultValue = "NEWS") String kind, Authentication auth,
            HttpServletRequest request, RedirectAttributes redirect) {
        String clean = org.minbar.system.CleanText.title(name).strip();
        if (clean.isEmpty() || clean.length() > 200) {
            redirect.addFlashAttribute("error", "اكتب اسماً للقسم.");
        } else {
            SectionKind chosen = "IMAGE_LED".equals(kind) ? SectionKind.IMAGE_LED : SectionKind.NEWS;
            taxonomy.ensureSection(org.minbar.taxonomy.Slugs.of(clean), clean, chosen);
            audit.record(auth.getName(), "section-added", clean, chosen.name(), request.getRemoteAddr());
            redirect.addFlashAttribute("message", "أُضيف القسم " + clean + ".");
        }
        return "redirect:/newsroom/taxonomy";
    }

    @PostMapping("/newsroom/tags")
    String addTag(@RequestParam String name, Authentication auth, HttpServletRequest request, RedirectAttributes redirect) {
        String clean = org.minbar.system.CleanText.title(name).strip();
        if (clean.isEmpty() || clean.length() > 100) {
            redirect.addFlashAttribute("error", "اكتب اسماً للعلامة.");
        } else {
            taxonomy.ensureTag(clean);
            audit.record(auth.getName(), "tag-added", clean, null, request.getRemoteAddr());
            redirect.addFlashAttribute("message", "أُضيفت العلامة " + clean + ".");
        }
        return "redirect:/newsroom/taxonomy";
    }
}
