package org.minbar.migration;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Principal;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The newsroom page where an administrator uploads a WordPress export and watches it import. */
@Controller
@RequestMapping("/newsroom/import")
@PreAuthorize("hasRole('ADMIN')")
class WxrImportController {

    private final WxrImportJobs jobs;

    WxrImportController(WxrImportJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    String page(@RequestParam(name = "notice", required = false) String notice, CsrfToken csrf, Model model,
            HttpServletResponse response) {
        WxrImportJobs.Job job = jobs.current();
        WxrImportPage page;
        if (job == null) {
            page = new WxrImportPage(notice, null, false, false, 0, 0, 0, 0, 0, List.of());
        } else {
            WxrReport report = job.report();
            boolean running = !report.finished();
            if (running) {
                // Works without JavaScript and is not a script, so the CSP allows it.
                response.setHeader("Refresh", "2");
            }
            page = new WxrImportPage(notice, job.filename(), job.dryRun(), running, report.percent(), report.created(),
                    report.updated(), report.skipped(), report.failed(), running ? List.of() : report.summary(job.dryRun()));
        }
        model.addAttribute("page", page);
        model.addAttribute("csrf", csrf);
        return "newsroom/import";
    }

    @PostMapping
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @RequestParam(name = "createUsers", defaultValue = "false") boolean createUsers,
            Principal user) throws IOException {
        if (file.isEmpty()) {
            return redirect("اختر ملف تصدير ووردبريس (XML) أولاً.");
        }
        Path saved = jobs.newUploadFile();
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
        }
        String name = file.getOriginalFilename() == null ? "export.xml" : Path.of(file.getOriginalFilename()).getFileName().toString();
        if (!jobs.start(saved, name, dryRun, createUsers, user == null ? "?" : user.getName())) {
            Files.deleteIfExists(saved);
            return redirect("يجري استيراد آخر الآن؛ انتظر حتى ينتهي.");
        }
        return "redirect:/newsroom/import";
    }

    private static String redirect(String notice) {
        return "redirect:/newsroom/import?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8);
    }
}
