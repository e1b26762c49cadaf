package org.minbar.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Page and size parameters of list endpoints, and the links to the other pages: in the body
 * ({@code links}) and in an RFC 8288 {@code Link} header. The endpoints check the parameters with
 * Bean Validation (the constants here); a page or size out of range is a 400.
 */
record ApiPaging(int page, int size, Long nextAfter) {

    ApiPaging(int page, int size) {
        this(page, size, null);
    }

    /** The same page whose "next" link names the last item shown ({@code after}): the next page is read by key. */
    ApiPaging nextAfter(Long lastId) {
        return new ApiPaging(page, size, lastId);
    }

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    static final int MAX_PAGE = 999_999;
    static final String PAGE_RANGE = "page must be between 1 and " + MAX_PAGE;
    static final String SIZE_RANGE = "size must be between 1 and " + MAX_SIZE;

    int offset() {
        return (page - 1) * size;
    }

    long pages(long total) {
        return Math.max(1, (total + size - 1) / size);
    }

    /** self, first, last and, where they exist, prev and next: absolute URLs keeping the other parameters. */
    Map<String, String> links(long total, ApiLinks api) {
        long last = pages(total);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", url(page, api));
        links.put("first", url(1, api));
        if (page > 1) {
            links.put("prev", url((int) Math.min(page - 1, last), api));
        }
        if (page < last) {
            links.put("next", nextAfter == null ? url(page + 1, api) : url(page + 1, api, nextAfter));
        }
        links.put("last", url((int) last, api));
        return links;
    }

    HttpHeaders headers(long total, ApiLinks api) {
        List<String> parts = new ArrayList<>();
        links(total, api).forEach((rel, url) -> parts.add("<" + url + ">; rel=\"" + rel + "\""));
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.LINK, String.join(", ", parts));
        return headers;
    }

    private String url(int number, ApiLinks api) {
        return url(number, api, null);
    }

    /** {@code after}: the item the page follows (null: none, the page is counted by position). */
    private String url(int number, ApiLinks api, Long after) {
        // The path and query as asked, made absolute like every other link of the answer.
        UriComponentsBuilder uri = ServletUriComponentsBuilder.fromCurrentRequest().scheme(null).host(null).port(-1)
                .replaceQueryParam("page", number).replaceQueryParam("size", size);
        if (after != null) {
            uri.replaceQueryParam("after", after);
        } else if (number != page) {
            uri.replaceQueryParam("after");
        }
        return api.url(uri.build().toUriString());
    }
}
