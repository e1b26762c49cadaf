package org.minbar.distribution;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.minbar.article.PublishedArticles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The read API's HTTP manners: any origin may read it (CORS for GET), every answer carries an
 * {@code ETag} (a hash of the body) and, where it follows from the articles alone, a
 * {@code Last-Modified}; conditional requests get 304.
 */
@Configuration
class ApiConfig implements WebMvcConfigurer {

    static final String API = "/api/v1/";

    private final PublishedArticles articles;

    ApiConfig(PublishedArticles articles) {
        this.articles = articles;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping(API + "**").allowedOrigins("*").allowedMethods("GET", "HEAD")
                .exposedHeaders(HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.LINK).maxAge(3600);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // Caches may keep answers but must revalidate (cheap with the ETag): a publish shows at once.
                response.setHeader(HttpHeaders.CACHE_CONTROL, "public, no-cache");
                return true;
            }
        }).addPathPatterns(API + "**");
        // Popular lists move with page views: ETag only for them.
        registry.addInterceptor(new LastModified()).addPathPatterns(API + "**")
                .excludePathPatterns(API + "popular", API + "openapi.json", API + "openapi.json/**");
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> apiEtags() {
        ShallowEtagHeaderFilter etags = new ShallowEtagHeaderFilter();
        etags.setWriteWeakETag(true); // Tomcat does not compress an answer with a strong ETag
        FilterRegistrationBean<ShallowEtagHeaderFilter> bean = new FilterRegistrationBean<>(etags);
        bean.addUrlPatterns(API + "*");
        bean.setName("apiEtags");
        return bean;
    }

    @Bean
    OpenAPI minbarOpenApi() {
        return new OpenAPI().info(new Info().title("Minbar content API").version("v1")
                .description("Read-only JSON API of a Minbar news site: published articles, sections, tags, "
                        + "contributors, search, related and popular articles. Lists are paged (page, size) and carry "
                        + "links; every answer has an ETag, most a Last-Modified; any origin may read (CORS).")
                .license(new License().name("Content: the publisher's terms")));
    }

    /** Last-Modified is the newest article change; If-Modified-Since counts only without If-None-Match (RFC 9110). */
    private final class LastModified implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                return true;
            }
            long changed = articles.lastChange().map(t -> t.toInstant().toEpochMilli() / 1000 * 1000).orElse(0L);
            if (changed <= 0) {
                return true;
            }
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, changed);
            if (request.getHeader(HttpHeaders.IF_NONE_MATCH) == null) {
                long since;
                try {
                    since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
                } catch (IllegalArgumentException e) {
                    since = -1;
                }
                if (since >= 0 && changed <= since) {
                    response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                    return false;
                }
            }
            return true;
        }
    }
}
