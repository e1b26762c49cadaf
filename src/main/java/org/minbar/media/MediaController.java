package org.minbar.media;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.minbar.system.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The newsroom's media library at {@code /newsroom/media}: upload, search, describe, delete; and its
 * JSON twin for the article editor (the same URLs with {@code Accept: application/json}).
 */
@Controller
@RequestMapping("/newsroom")
class MediaController {

    private static final Logger log = LoggerFactory.getLogger(MediaController.class);
    static final int PAGE_SIZE = 24;
    static final int MAX_PAGE = 999_999;
    static final String PAGE_RANGE = "رقم الصفحة بين 1 و" + MAX_PAGE + ".";

    private final MediaService media;
    private final org.minbar.system.AuditLog audit;

    MediaController(MediaService media, org.minbar.system.AuditLog audit) {
        this.audit = audit;
        this.media = media;
    }

    /** What the editor receives for an item. */
    record ItemJson(long id, String url, String srcset, int width, int height, String mimeType, long bytes, String alt,
            String caption, String credit, boolean hasAlt, String originalFilename, String uploadedBy,
            Instant uploadedAt, String originalUrl, List<MediaItem.Rendition> renditions) {

        static ItemJson of(MediaItem item) {
            return new ItemJson(item.id(), item.url(), item.srcset(), item.width(), item.height(), item.mimeType(),
                    item.bytes(), item.alt(), item.caption(), item.credit(), item.hasAlt(), item.originalFilename(),
                    item.uploadedBy(), item.uploadedAt(), item.originalUrl(), item.renditions());
        }
    }

    record ItemsJson(List<ItemJson> items) {
    }

    @GetMapping("/media")
    ModelAndView library(@RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = PAGE_RANGE) @Max(value = MAX_PAGE, message = PAGE_RANGE) int page,
            @RequestParam(required = false) Long uploaded, @RequestParam(required = false) Long saved,
            @RequestParam(required = false) String deleted, HttpServletRequest request) {
        String notice = null;
        long highlight = 0;
        if (uploaded != null) {
            notice = "رُفعت الصورة. اكتب لها نصاً بديلاً يصفها: لا يُنشر مقال بصورة بلا نص بديل.";
            highlight = uploaded;
        } else if (saved != null) {
            notice = "حُفظ الوصف.";
            highlight = saved;
        } else if (deleted != null) {
            notice = "حُذفت الصورة.";
        }
        return page(media, request, q, page, null, notice, highlight, HttpStatus.OK);
    }

    @GetMapping(value = "/media.json", produces = "application/json")
    @ResponseBody
    ItemsJson list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "24") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return new ItemsJson(media.recent(q, limit, offset).stream().map(ItemJson::of).toList());
    }

    @PostMapping("/media")
    Object upload(@RequestParam(name = "file", required = false) MultipartFile file, Authentication user,
            HttpServletRequest request) {
        boolean json = wantsJson(request);
        if (file == null && !isMultipart(request)) {
            return refused(new MediaRejectedException(MediaRejectedException.Reason.EMPTY,
                    "لم يصل ملف: تُرفع الصورة في نموذج رفع (multipart/form-data)، في الحقل file.",
                    "upload without a multipart body (" + request.getContentType() + ") by " + user.getName()), request, json);
        }
        MediaItem item;
        try (InputStream bytes = file == null ? InputStream.nullInputStream() : file.getInputStream()) {
            item = media.store(bytes, file == null ? null : file.getOriginalFilename(), user.getName());
        } catch (MediaRejectedException e) {
            return refused(e, request, json);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the uploaded file", e);
        }
        if (json) {
            return ResponseEntity.created(URI.create(item.url())).body(ItemJson.of(item));
        }
        return seeOther("/newsroom/media?uploaded=" + item.id() + "#media-" + item.id());
    }

    /** As the site's search takes at most (a search box pasted full stays out of the redirect). */
    private static final int MAX_QUERY = 256;

    @PostMapping("/media/{id}")
    Object describe(@PathVariable long id, @RequestParam(required = false) String alt,
            @RequestParam(required = false) String caption, @RequestParam(required = false) String credit,
            @RequestParam(required = false) String q, HttpServletRequest request) {
        boolean json = wantsJson(request);
        MediaItem item;
        try {
            item = media.describe(id, alt, caption, credit);
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (MediaRejectedException e) {
            log.info("{} (media {})", e.getMessage(), id);
            return refused(e, request, json);
        }
        if (json) {
            return ResponseEntity.ok(ItemJson.of(item));
        }
        return seeOther("/newsroom/media?saved=" + id + query(q) + "#media-" + id);
    }

    @PostMapping("/media/{id}/delete")
    @PreAuthorize("hasAnyRole('EDITOR','ADMIN')")
    Object delete(@PathVariable long id, Authentication user, HttpServletRequest request) {
        String name = media.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).originalFilename();
        media.delete(id);
        audit.record(user.getName(), "media-delete", "media " + id, name, request.getRemoteAddr());
        if (wantsJson(request)) {
            return ResponseEntity.noContent().build();
        }
        return seeOther("/newsroom/media?deleted=" + id);
    }

    private Object refused(MediaRejectedException e, HttpServletRequest request, boolean json) {
        HttpStatus status = status(e.reason());
        if (json) {
            return Problems.answer(request, problem(status, e));
        }
        return page(media, request, null, 1, e.readerMessage(), null, 0, status);
    }

    /** A refusal as problem details: the Arabic reason in {@code detail}, its name in {@code reason}. */
    static ProblemDetail problem(HttpStatus status, MediaRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.readerMessage());
        problem.setProperty("reason", e.reason().name());
        return problem;
    }

    static HttpStatus status(MediaRejectedException.Reason reason) {
        return switch (reason) {
            case EMPTY, TEXT_TOO_LONG -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_PIXELS, TOO_BIG_TO_PROCESS, CORRUPT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The library page; also used for errors (with their status) so the form is right there to try again. */
    static ModelAndView page(MediaService media, HttpServletRequest request, String q, int page, String error,
            String notice, long highlight, HttpStatus status) {
        int current = Math.max(1, page);
        List<MediaItem> found = media.recent(q, PAGE_SIZE + 1, (current - 1) * PAGE_SIZE);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("csrf", request.getAttribute(CsrfToken.class.getName()));
        model.put("items", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
        model.put("query", q == null ? "" : q.strip());
        model.put("page", current);
        model.put("hasNext", found.size() > PAGE_SIZE);
        model.put("error", error);
        model.put("notice", notice);
        model.put("highlight", highlight);
        model.put("canDelete", request.isUserInRole("EDITOR") || request.isUserInRole("ADMIN"));
        model.put("maxUpload", media.maxUploadSizeLabel());
        ModelAndView view = new ModelAndView("newsroom/media", model);
        view.setStatus(status);
        return view;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    static boolean wantsJson(HttpServletRequest request) {
        return Problems.wantsJson(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT));
    }

    private static ResponseEntity<Void> seeOther(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location).build();
    }

    /** The library's search to return to; one longer than a search takes is dropped (it would not fit in the redirect's headers). */
    private static String query(String q) {
        return q == null || q.isBlank() || q.length() > MAX_QUERY ? "" : "&q=" + URLEncoder.encode(q.strip(), StandardCharsets.UTF_8);
    }
}
