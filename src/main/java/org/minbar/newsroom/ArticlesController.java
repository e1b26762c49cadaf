package org.minbar.newsroom;

import org.minbar.system.CleanText;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.minbar.article.Article;
import org.minbar.article.ArticleEdit;
import org.minbar.article.ArticleEditing;
import org.minbar.article.ArticleStatus;
import org.minbar.article.EditConflictException;
import org.minbar.article.NewsroomRow;
import org.minbar.article.Revision;
import org.minbar.article.WorkflowException;
import org.minbar.newsroom.views.Conflict;
import org.minbar.newsroom.views.DiffLine;
import org.minbar.newsroom.views.RevisionRow;
import org.minbar.newsroom.views.Row;
import org.minbar.newsroom.views.StepButton;
import org.minbar.site.ArticlePreview;
import org.minbar.system.ProblemException;
import org.minbar.taxonomy.Section;
import org.minbar.taxonomy.TaxonomyService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The newsroom's article pages: list, new, editor, workflow, preview, revisions. */
@Controller
class ArticlesController {

    static final int PAGE_SIZE = 50;
    /** Pages of the newsroom's lists go from 1 to this (as the API's). */
    static final int MAX_PAGE = 999_999;
    static final String PAGE_RANGE = "رقم الصفحة بين 1 و" + MAX_PAGE + ".";

    private final ArticleEditing editing;
    private final NewsroomArticles newsroom;
    private final TaxonomyService taxonomy;
    private final NewsroomPages pages;
    private final Users users;
    private final ArticlePreview preview;

    ArticlesController(ArticleEditing editing, NewsroomArticles newsroom, TaxonomyService taxonomy, NewsroomPages pages,
            Users users, ArticlePreview preview) {
        this.editing = editing;
        this.newsroom = newsroom;
        this.taxonomy = taxonomy;
        this.pages = pages;
        this.users = users;
        this.preview = preview;
    }

    @ModelAttribute("csrf")
    CsrfToken csrf(HttpServletRequest request) {
        return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    }

    @GetMapping("/newsroom")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) Long section,
            @RequestParam(required = false) String author, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = PAGE_RANGE) @Max(value = MAX_PAGE, message = PAGE_RANGE)
            int page, Authentication auth, HttpServletRequest request, Model model) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        ArticleStatus chosen = parseStatus(status);
        // Writers see their own articles only.
        String byAuthor = actor.role() == Role.WRITER ? actor.username() : CleanText.blankToNull(author);
        int current = page;
        List<NewsroomRow> found = editing.newsroomList(chosen, section, byAuthor, q, PAGE_SIZE + 1, (current - 1) * PAGE_SIZE);
        Map<Long, Section> sections = taxonomy.sectionsById();
        Map<Long, String> blocked = newsroom.publishingBlocked(found.stream()
                .collect(Collectors.toMap(NewsroomRow::id, NewsroomRow::status, (a, b) -> a)));
        List<Row> rows = found.stream().limit(PAGE_SIZE).map(r -> new Row(r.id(), r.title(), r.status().name(),
                r.status().arabicName(), r.sectionId() == null || !sections.containsKey(r.sectionId()) ? "" : sections.get(r.sectionId()).name(),
                r.createdBy() == null ? "" : r.createdBy(), pages.format(r.updatedAt()), pages.format(r.publishedAt()),
                blocked.get(r.id()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("sections", NewsroomViews.sectionChoices(taxonomy.sections()));
        model.addAttribute("statuses", NewsroomViews.statusChoices());
        model.addAttribute("status", chosen == null ? "" : chosen.name());
        model.addAttribute("section", section);
        model.addAttribute("author", byAuthor == null ? "" : byAuthor);
        model.addAttribute("authors", actor.role() == Role.WRITER ? List.of() : users.all().stream().map(NewsroomUser::username).toList());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("page", current);
        model.addAttribute("hasNext", found.size() > PAGE_SIZE);
        return "newsroom/list";
    }

    @GetMapping("/newsroom/articles/new")
    String newArticle(Model model) {
        model.addAttribute("sections", NewsroomViews.sectionChoices(taxonomy.sections()));
        model.addAttribute("error", null);
        return "newsroom/new";
    }

    /** Creates the draft; a title or section the form refuses shows the form again (400) with what was typed. */
    @PostMapping("/newsroom/articles")
    String create(@Valid @ModelAttribute("draft") NewArticleForm form, BindingResult invalid, Authentication auth,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        if (invalid.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("sections", NewsroomViews.sectionChoices(taxonomy.sections()));
            model.addAttribute("error", messages(invalid));
            model.addAttribute("title", form == null ? request.getParameter("title") : form.title());
            model.addAttribute("sectionId", form == null ? null : form.sectionId());
            return "newsroom/new";
        }
        NewsroomUser user = users.find(actor.username()).orElseThrow();
        ArticleEdit edit = new ArticleEdit(form.title(), "", null, null, form.sectionId(), List.of(),
                List.of(new org.minbar.article.Contributor(user.displayName(), List.of(org.minbar.article.ContributorRole.PREPARED))),
                null, null, null, null, null, true);
        long id = newsroom.create(actor, edit);
        return "redirect:/newsroom/articles/" + id;
    }

    @GetMapping("/newsroom/articles/{id}")
    String editor(@PathVariable long id, Authentication auth, HttpServletRequest request, Model model) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        Article article = newsroom.view(actor, id);
        EditorForm form = EditorForm.of(article, taxonomy);
        editing.autosave(id, actor.username())
                .filter(a -> a.savedAt().isAfter(article.updatedAt()))
                .ifPresent(autosave -> model.addAttribute("autosaved", pages.format(autosave.savedAt())));
        if (request.getParameter("restore-autosave") != null) {
            form = editing.autosave(id, actor.username())
                    .map(a -> EditorForm.of(a.content(), article.version(), taxonomy)).orElse(form);
            model.addAttribute("autosaved", null);
        }
        return editorPage(actor, article, form, null, model);
    }

    /**
     * Saves the editor's form. What the form or the article's rules refuse shows the editor again, with
     * the reason and everything as typed: 400 for a field, 409 for a conflict, 422 for a workflow rule.
     */
    @PostMapping("/newsroom/articles/{id}")
    String save(@PathVariable long id, @Valid @ModelAttribute EditorForm form, BindingResult invalid, Authentication auth,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        if (form == null) {
            throw new BadRequest();
        }
        if (invalid.hasErrors()) {
            Article stored = newsroom.view(actor, id);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "لم يُحفظ المقال: " + messages(invalid));
            return editorPage(actor, stored, form, null, model);
        }
        try {
            newsroom.save(actor, id, () -> form.toEdit(taxonomy), form.version() == null ? -1 : form.version());
        } catch (EditConflictException conflict) {
            response.setStatus(HttpStatus.CONFLICT.value());
            Article current = conflict.current();
            model.addAttribute("error", "حفظ شخص آخر هذا المقال بعد أن فتحته. لم يُكتب فوق أي شيء: نسختك أدناه في المحرر،"
                    + " ونسخة " + (current.createdBy() == null ? "الآخر" : "الموقع") + " المحفوظة بجانبها. انسخ ما تحتاجه ثم احفظ.");
            Conflict theirs = new Conflict(current.version(), pages.format(current.updatedAt()), current.title(),
                    Jsoup.parseBodyFragment(current.bodyHtml()).wholeText().strip(), current.excerpt());
            EditorForm mine = new EditorForm(form.title(), form.body(), form.excerpt(), form.sourceLabel(), form.sectionId(),
                    form.tags(), form.contributors(), form.leadImageUrl(), form.leadImageAlt(), form.leadMediaId(),
                    form.seoTitle(), form.seoDescription(), form.autoReadAlso(), current.version());
            return editorPage(actor, current, mine, theirs, model);
        } catch (WorkflowException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", e.arabicMessage());
            return editorPage(actor, newsroom.view(actor, id), form, null, model);
        } catch (IllegalArgumentException e) {
            // What the article service refuses after cleaning (a title of invisible characters only, say).
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "لم يُحفظ المقال: " + e.getMessage());
            return editorPage(actor, newsroom.view(actor, id), form, null, model);
        }
        redirect.addFlashAttribute("message", "حُفظ المقال.");
        return "redirect:/newsroom/articles/" + id;
    }

    @PostMapping("/newsroom/articles/{id}/workflow")
    String step(@PathVariable long id, @RequestParam String step, @RequestParam(required = false) String at,
            Authentication auth, HttpServletRequest request, RedirectAttributes redirect) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        Workflow.Step chosen;
        try {
            chosen = Workflow.Step.valueOf(step.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest();
        }
        try {
            OffsetDateTime time = chosen == Workflow.Step.SCHEDULE && at != null && !at.isBlank() ? pages.parseScheduleTime(at) : null;
            newsroom.step(actor, id, chosen, time);
        } catch (WorkflowException e) {
            redirect.addFlashAttribute("error", e.arabicMessage());
            return "redirect:/newsroom/articles/" + id;
        } catch (NewsroomPages.TooFarAhead e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/newsroom/articles/" + id;
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "لم تُنفّذ الخطوة: حدّد وقتاً صحيحاً للنشر.");
            return "redirect:/newsroom/articles/" + id;
        }
        if (chosen == Workflow.Step.DELETE) {
            return "redirect:/newsroom";
        }
        redirect.addFlashAttribute("message", "تم: " + chosen.label());
        return "redirect:/newsroom/articles/" + id;
    }

    /** The reader's page for the editor's current (unsaved) content. */
    @PostMapping("/newsroom/articles/{id}/preview")
    String preview(@PathVariable long id, @ModelAttribute EditorForm form, Authentication auth, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        Article stored = newsroom.view(actor, id);
        ArticleEdit edit = new ArticleEdit(form.title() == null || form.title().isBlank() ? stored.title() : form.title(),
                form.body(), form.excerpt(), form.sourceLabel(), form.sectionId(), List.of(),
                EditorForm.parseContributors(form.contributors()), form.leadImageUrl(), form.leadImageAlt(), form.leadMediaId(),
                form.seoTitle(), form.seoDescription(), form.autoReadAlso() == null || form.autoReadAlso());
        Article shown;
        try {
            shown = editing.previewOf(stored, edit, existingTagIds(form.tags()));
        } catch (IllegalArgumentException e) {
            // What a save would refuse (a title over the limit, say): the Arabic 400 page, not a 500.
            throw new ProblemException(HttpStatus.BAD_REQUEST,
                    "لا تُعرض المعاينة: في المحتوى ما لا يُحفظ (" + EditorForm.TITLE_TOO_LONG + ")", e);
        }
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        response.setHeader("Cache-Control", "no-store");
        return preview.render(shown, model);
    }

    private List<Long> existingTagIds(String tags) {
        // One read of the tags, not one per name.
        Map<String, Long> byName = taxonomy.allTags().stream()
                .collect(Collectors.toMap(org.minbar.taxonomy.Tag::name, org.minbar.taxonomy.Tag::id, (a, b) -> a));
        return EditorForm.splitList(tags).stream().map(byName::get).filter(java.util.Objects::nonNull).toList();
    }

    @GetMapping("/newsroom/articles/{id}/revisions")
    String revisions(@PathVariable long id, @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
            Authentication auth, HttpServletRequest request, Model model) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        Article article = newsroom.view(actor, id);
        List<Revision> all = editing.revisions(id);
        model.addAttribute("article", NewsroomViews.heading(article));
        model.addAttribute("revisions", all.stream().map(r -> new RevisionRow(r.number(), r.author(), pages.format(r.savedAt()),
                r.note(), r.content().title())).toList());
        model.addAttribute("canRestore", Workflow.canEdit(actor.role(), actor.username(), article));
        List<DiffLine> diff = List.of();
        if (from != null && to != null) {
            Revision a = editing.revision(id, from).orElseThrow(() -> new NewsroomArticles.NotFound(id, from));
            Revision b = editing.revision(id, to).orElseThrow(() -> new NewsroomArticles.NotFound(id, to));
            diff = diff(lines(a.content()), lines(b.content()));
        }
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("diff", diff);
        return "newsroom/revisions";
    }

    @PostMapping("/newsroom/articles/{id}/revisions/{number}/restore")
    String restore(@PathVariable long id, @PathVariable int number, @RequestParam int version, Authentication auth,
            HttpServletRequest request, RedirectAttributes redirect) {
        NewsroomArticles.Actor actor = pages.actor(auth, request);
        try {
            newsroom.restore(actor, id, number, version);
            redirect.addFlashAttribute("message", "استُعيدت النسخة " + number + " (نسخة جديدة في السجل).");
        } catch (EditConflictException e) {
            redirect.addFlashAttribute("error", "حفظ شخص آخر المقال في هذه الأثناء؛ لم يُستعد شيء. أعد المحاولة.");
        } catch (WorkflowException e) {
            redirect.addFlashAttribute("error", e.arabicMessage());
        }
        return "redirect:/newsroom/articles/" + id;
    }

    /** A revision as lines of text: the fields, then the body paragraph by paragraph. */
    private List<String> lines(ArticleEdit content) {
        List<String> lines = new ArrayList<>();
        lines.add("العنوان: " + nullToEmpty(content.title()));
        lines.add("المقتطف: " + nullToEmpty(content.excerpt()));
        lines.add("المصدر: " + nullToEmpty(content.sourceLabel()));
        lines.add("القسم: " + (content.sectionId() == null ? "" : taxonomy.section(content.sectionId()).map(Section::name).orElse("")));
        lines.add("العلامات: " + EditorForm.tagsText(taxonomy, content.tagIds()));
        lines.add("المساهمون: " + EditorForm.contributorsText(content.contributors()).replace('\n', '؛'));
        lines.add("الصورة: " + nullToEmpty(content.leadImageUrl()) + " | " + nullToEmpty(content.leadImageAlt()));
        lines.add("عنوان محركات البحث: " + nullToEmpty(content.seoTitle()));
        lines.add("وصف محركات البحث: " + nullToEmpty(content.seoDescription()));
        for (org.jsoup.nodes.Element block : Jsoup.parseBodyFragment(nullToEmpty(content.bodyHtml())).body().children()) {
            String text = block.text().strip();
            if (!text.isEmpty()) {
                lines.add((block.tagName().equals("h2") || block.tagName().equals("h3") ? "## " : "") + text);
            }
        }
        return lines;
    }

    static List<DiffLine> diff(List<String> older, List<String> newer) {
        Patch<String> patch = DiffUtils.diff(older, newer);
        List<DiffLine> out = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            for (; position < delta.getSource().getPosition(); position++) {
                out.add(new DiffLine("same", older.get(position)));
            }
            delta.getSource().getLines().forEach(line -> out.add(new DiffLine("removed", line)));
            delta.getTarget().getLines().forEach(line -> out.add(new DiffLine("added", line)));
            position += delta.getSource().size();
        }
        for (; position < older.size(); position++) {
            out.add(new DiffLine("same", older.get(position)));
        }
        return out;
    }

    private String editorPage(NewsroomArticles.Actor actor, Article article, EditorForm form, Conflict conflict, Model model) {
        boolean canEdit = Workflow.canEdit(actor.role(), actor.username(), article);
        List<StepButton> steps = Workflow.steps(actor.role(), actor.username(), article).stream()
                .map(s -> new StepButton(s.name().toLowerCase(Locale.ROOT), s.label(), s == Workflow.Step.SCHEDULE,
                        s == Workflow.Step.DELETE || s == Workflow.Step.UNPUBLISH))
                .toList();
        model.addAttribute("article", NewsroomViews.heading(article));
        model.addAttribute("form", form);
        model.addAttribute("sections", NewsroomViews.sectionChoices(taxonomy.sections()));
        model.addAttribute("steps", steps);
        model.addAttribute("canEdit", canEdit);
        model.addAttribute("conflict", conflict);
        model.addAttribute("updated", pages.format(article.updatedAt()));
        model.addAttribute("scheduledAt", article.status() == ArticleStatus.SCHEDULED ? pages.format(article.publishedAt()) : null);
        model.addAttribute("blocked", newsroom.publishingBlocked(Map.of(article.id(), article.status())).get(article.id()));
        model.addAttribute("scheduleDefault", pages.inputValue(OffsetDateTime.now().plusHours(1)));
        if (!model.containsAttribute("error")) {
            model.addAttribute("error", null);
        }
        if (!model.containsAttribute("message")) {
            model.addAttribute("message", null);
        }
        if (!model.containsAttribute("autosaved")) {
            model.addAttribute("autosaved", null);
        }
        return "newsroom/editor";
    }

    private static ArticleStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ArticleStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }


    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** What the form's Bean Validation refused, in the messages the editor reads. */
    static String messages(BindingResult invalid) {
        return String.join(" ", invalid.getAllErrors().stream().map(error -> error instanceof FieldError field
                && field.isBindingFailure() ? "قيمة غير صالحة في الحقل " + field.getField() + "." : error.getDefaultMessage())
                .distinct().toList());
    }

    @ExceptionHandler(NewsroomArticles.NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NewsroomArticles.NotFound e, Model model) {
        model.addAttribute("title", "غير موجود");
        model.addAttribute("text", e.getBody().getDetail());
        return "newsroom/message";
    }

    /** A malformed request: 400. */
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    static class BadRequest extends RuntimeException {
    }
}
