package org.minbar.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The site's one JSON error shape, RFC 9457 problem details ({@code application/problem+json}):
 * {@code type} ({@code about:blank}: the status says it all), {@code title} (the status's English
 * phrase), {@code status}, {@code detail} and {@code instance} (the path asked for). {@code detail}
 * is written for whoever calls: English under {@code /api/}, Arabic in the newsroom, whose pages and
 * scripts show it to editors. {@code error} repeats {@code detail} for clients of the earlier
 * {@code {"status", "error"}} format; some problems add members of their own ({@code errors},
 * {@code reason}, {@code currentVersion}, ...).
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    /** RFC 9457's type for a problem that the status explains; its title is the status's phrase. */
    public static final URI ABOUT_BLANK = URI.create("about:blank");

    private Problems() {
    }

    /**
     * Whether this request gets its errors as JSON: it is for the API ({@code /api/}, the newsroom's
     * {@code /newsroom/api/}), it went to a controller that answers JSON, or it asks for JSON.
     * Everything else gets the site's Arabic error pages.
     */
    public static boolean wantsJson(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && (handler.hasMethodAnnotation(ResponseBody.class)
                        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class))) {
            return true;
        }
        return wantsJson(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT));
    }

    /** {@link #wantsJson(HttpServletRequest)} from the path and the {@code Accept} header alone. */
    public static boolean wantsJson(String path, String accept) {
        if (path != null && (path.startsWith("/api/") || path.startsWith("/newsroom/api/"))) {
            return true;
        }
        return accept != null && !accept.startsWith("text/html")
                && (accept.contains("application/json") || accept.contains("+json"));
    }

    /** Whether the problem's {@code detail} is in Arabic: for the newsroom's pages, scripts and API. */
    public static boolean inArabic(String path) {
        return path != null && path.startsWith("/newsroom");
    }

    /** What a status means, when there is nothing more particular to say. */
    public static String detail(int status, boolean arabic) {
        if (arabic) {
            return switch (status) {
                case 400 -> "لم نفهم هذا الطلب. تحقّق من البيانات المرسلة.";
                case 401 -> "سجّل الدخول أولاً: لم تبدأ الجلسة أو انتهت.";
                case 403 -> "ليس لديك إذن بهذا.";
                case 404 -> "غير موجود.";
                case 405 -> "طريقة الطلب غير مسموحة هنا.";
                case 406 -> "لا يمكن الرد بالصيغة المطلوبة.";
                case 409 -> "يتعارض الطلب مع الحالة الحالية للمحتوى.";
                case 413 -> "الطلب أكبر من الحد المسموح.";
                case 415 -> "نوع المحتوى المرسل غير مقبول هنا.";
                case 429 -> "طلبات كثيرة في وقت قصير. انتظر قليلاً ثم أعد المحاولة.";
                case 503 -> "الخدمة غير متاحة مؤقتاً. أعد المحاولة بعد قليل.";
                default -> status >= 500 ? "حدث خطأ غير متوقع. حاول مرة أخرى بعد قليل." : "تعذّر تنفيذ الطلب.";
            };
        }
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "authentication required";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "no acceptable representation";
            case 409 -> "conflict with the current state";
            case 413 -> "the request is too large";
            case 415 -> "unsupported content type";
            case 429 -> "too many requests; retry after the number of seconds in the Retry-After header";
            case 503 -> "temporarily unavailable; try again shortly";
            default -> status >= 500 ? "internal error" : "request failed";
        };
    }

    /** A problem with this status and detail (the status's own text when {@code detail} is null). */
    public static ProblemDetail problem(HttpStatusCode status, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(detail);
        return complete(problem, path);
    }

    /** Fills what every problem has: a type, a title, a detail, the instance (the path) and {@code error}. */
    public static ProblemDetail complete(ProblemDetail problem, String path) {
        if (problem.getType() == null) {
            problem.setType(ABOUT_BLANK);
        }
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(problem.getStatus());
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        if (problem.getDetail() == null || problem.getDetail().isBlank()) {
            problem.setDetail(detail(problem.getStatus(), inArabic(path)));
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(UriUtils.encodePath(path, StandardCharsets.UTF_8)));
        }
        problem.setProperty("error", problem.getDetail());
        return problem;
    }

    /** The answer for a controller that returns the problem itself. */
    public static ResponseEntity<Object> answer(HttpServletRequest request, ProblemDetail problem) {
        complete(problem, request.getRequestURI());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Writes the problem as the whole response, for filters and the server's own error pages. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json(problem));
    }

    /** The problem as JSON text. */
    public static String json(ProblemDetail problem) {
        return JSON.writeValueAsString(problem);
    }
}
