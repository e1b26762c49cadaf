package org.minbar.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minbar.article.EditConflictException;
import org.minbar.article.WorkflowException;
import org.minbar.recommend.RecommendService;
import org.minbar.search.SearchService;
import org.minbar.system.ProblemException;
import org.minbar.taxonomy.Tag;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The newsroom's JSON API (the editor's autosave, pickers and suggestions; also for scripts). It goes
 * through {@link NewsroomArticles}, so it enforces exactly the rules of the pages. CSRF-protected
 * like every form: send the token in the {@code X-CSRF-TOKEN} header. Refusals are problem details
 * with an Arabic {@code detail} ({@link org.minbar.system.Problems}): 400 for what the editor's
 * form would refuse, 404 for an unknown article, 409 for a conflict, 422 for a workflow rule.
 */
@RestController
class NewsroomApiController {

    private final NewsroomArticles newsroom;
    private final NewsroomPages pages;
    private final TaxonomyService taxonomy;
    private final SearchService search;
    private final RecommendService recommend;

    NewsroomApiController(NewsroomArticles newsroom, NewsroomPages pages, TaxonomyService taxonomy, SearchService search,
            RecommendService recommend) {
        this.newsroom = newsroom;
        this.pages = pages;
        this.taxonomy = taxonomy;
        this.search = search;
        this.recommend = recommend;
    }

    /** Keeps the editor's unsaved content (every few seconds while typing). */
    @PostMapping("/newsroom/api/articles/{id}/autosave")
    ResponseEntity<?> autosave(@PathVariable long id, @RequestBody EditorForm form, Authentication auth, HttpServletRequest request) {
        newsroom.autosave(pages.actor(auth, request), id, () -> form.toEdit(taxonomy), form.version() == null ? -1 : form.version());
        return ResponseEntity.ok(Map.of("saved", true));
    }

    /**
     * Saves like the editor's form; 409 with the stored version ({@code currentVersion},
     * {@code currentTitle}, {@code currentBody}) when someone saved in between.
     */
    @PutMapping("/newsroom/api/articles/{id}")
    ResponseEntity<?> save(@PathVariable long id, @Valid @RequestBody EditorForm form, Authentication auth,
            HttpServletRequest request) {
        try {
            int version = newsroom.save(pages.actor(auth, request), id, () -> form.toEdit(taxonomy), form.version() == null ? -1 : form.version());
            return ResponseEntity.ok(Map.of("version", version));
        } catch (EditConflictException conflict) {
            throw new ProblemException(HttpStatus.CONFLICT, "حفظ شخص آخر هذا المقال بعد أن فتحته؛ لم يُكتب فوق أي شيء.", conflict)
                    .with("currentVersion", conflict.current().version()).with("currentTitle", conflict.current().title())
                    .with("currentBody", conflict.current().bodyHtml());
        } catch (WorkflowException e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, e.arabicMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "لم يُحفظ المقال: " + e.getMessage(), e);
        }
    }

    /** A workflow step: submit, withdraw, publish, schedule (with {@code at}), unpublish, to_draft, delete. */
    @PostMapping("/newsroom/api/articles/{id}/workflow")
    ResponseEntity<?> step(@PathVariable long id, @RequestParam String step, @RequestParam(required = false) String at,
            Authentication auth, HttpServletRequest request) {
        Workflow.Step chosen;
        try {
            chosen = Workflow.Step.valueOf(step.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "خطوة غير معروفة: " + step + ".");
        }
        try {
            newsroom.step(pages.actor(auth, request), id, chosen, at == null || at.isBlank() ? null : pages.parseScheduleTime(at));
            return ResponseEntity.ok(Map.of("done", chosen.name().toLowerCase(Locale.ROOT)));
        } catch (WorkflowException e) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, e.arabicMessage(), e);
        } catch (NewsroomPages.TooFarAhead e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "لم تُنفّذ الخطوة: حدّد وقتاً صحيحاً للنشر.", e);
        }
    }

    record Found(long id, String title, String path) {
    }

    /** Published articles by title, for choosing inline read-also promos. */
    @GetMapping("/newsroom/api/articles/search")
    List<Found> find(@RequestParam(defaultValue = "") String q) {
        if (q.isBlank()) {
            return List.of();
        }
        return search.suggest(q.length() > 100 ? q.substring(0, 100) : q, 8).stream()
                .map(s -> new Found(s.id(), s.title(), s.path())).toList();
    }

    record TextToTag(String text) {
    }

    /** Existing tags that the draft's text mentions. */
    @PostMapping("/newsroom/api/tags/suggest")
    List<String> suggestTags(@RequestBody TextToTag body) {
        String text = body.text() == null ? "" : body.text();
        return recommend.suggestTags(text.length() > 200_000 ? text.substring(0, 200_000) : text, 12).stream().map(Tag::name).toList();
    }
}
