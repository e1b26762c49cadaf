package org.minbar.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * How the site answers a request it refuses, for every controller: JSON endpoints get RFC 9457
 * problem details ({@link Problems}), pages the site's Arabic error page for the status (through
 * {@code /error}). Handles Spring MVC's own refusals (malformed parameters and bodies, failed Bean
 * Validation, unknown paths, wrong methods, unreadable multipart bodies) and {@link ProblemException}s.
 * Errors nothing here handles (bugs) still reach {@code /error} as 500s, and are logged there.
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** A multipart body that cannot be read (truncated, no boundary); one over the size limit is 413. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(MultipartException e, WebRequest request) {
        return handleExceptionInternal(e, null, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A query or form Tomcat cannot decode (invalid UTF-8, a broken %-escape): the client's
     * mistake, 400 like other bad input, not a server error with a stack trace in the log.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameters(InvalidParameterException e, WebRequest request) {
        return handleExceptionInternal(e, null, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        boolean arabic = Problems.inArabic(path(request));
        for (ObjectError error : e.getBindingResult().getAllErrors()) {
            String name = error instanceof FieldError field ? field.getField() : error.getObjectName();
            boolean malformed = error instanceof FieldError field && field.isBindingFailure();
            errors.add(error(name, malformed ? malformed(name, arabic) : error.getDefaultMessage()));
        }
        return invalid(e, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(error(name, error.getDefaultMessage()));
            }
        });
        return invalid(e, errors, headers, request);
    }

    private ResponseEntity<Object> invalid(Exception e, List<Map<String, String>> errors, HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setDetail(String.join(" ", errors.stream().map(m -> m.get("message")).distinct().toList()));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static Map<String, String> error(String name, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("name", name);
        error.put("message", message);
        return error;
    }

    private static String malformed(String name, boolean arabic) {
        return arabic ? "قيمة غير صالحة في الحقل " + name + "." : name + " has a value of the wrong type";
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest webRequest) {
        HttpServletRequest request = ((ServletWebRequest) webRequest).getRequest();
        HttpServletResponse response = ((ServletWebRequest) webRequest).getResponse();
        String path = request.getRequestURI();
        if (e instanceof NoResourceFoundException) {
            log.debug("{} {} answered {}", request.getMethod(), path, status.value());
        } else {
            log.info("{} {} answered {}: {}", request.getMethod(), path, status.value(), reason(e, path));
        }
        if (response != null && response.isCommitted()) {
            return null;
        }
        if (!Problems.wantsJson(request)) {
            // A page: the Arabic error page for the status, written by /error.
            if (response != null) {
                headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                try {
                    response.sendError(status.value());
                } catch (IOException ignored) {
                    // the client is gone
                }
            }
            return null;
        }
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, webRequest);
        ProblemDetail problem = answer != null && answer.getBody() instanceof ProblemDetail given ? given
                : ProblemDetail.forStatus(status);
        // Spring's own details are English; in the newsroom only what was written for it stays.
        boolean written = e instanceof ProblemException || e instanceof MethodArgumentNotValidException
                || e instanceof HandlerMethodValidationException;
        if (Problems.inArabic(path) && !written) {
            problem.setDetail(null);
        }
        Problems.complete(problem, path);
        return ResponseEntity.status(status).headers(answer == null ? headers : answer.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Why, in English for the log (the newsroom's details are Arabic). */
    private static String reason(Exception e, String path) {
        if (e instanceof MethodArgumentNotValidException invalid) {
            return "invalid " + String.join(", ", invalid.getBindingResult().getAllErrors().stream()
                    .map(error -> error instanceof FieldError field ? field.getField() : error.getObjectName()).distinct().toList());
        }
        if (e instanceof HandlerMethodValidationException invalid) {
            return "invalid " + String.join(", ", invalid.getParameterValidationResults().stream()
                    .map(result -> String.valueOf(result.getMethodParameter().getParameterName())).distinct().toList());
        }
        if (e instanceof ProblemException problem) {
            if (problem.getCause() != null) {
                return problem.getCause().toString();
            }
            return Problems.inArabic(path) ? problem.getClass().getSimpleName() : problem.getBody().getDetail();
        }
        return e.getMessage();
    }

    private static String path(WebRequest request) {
        return ((ServletWebRequest) request).getRequest().getRequestURI();
    }
}
