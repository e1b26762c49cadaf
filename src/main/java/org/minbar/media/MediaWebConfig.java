package org.minbar.media;

import gg.jte.TemplateEngine;
import jakarta.servlet.MultipartConfigElement;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/** Serves the media files read-only under /media/ and sets the upload limits from {@code minbar.media.max-upload-size}. */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MediaWebConfig implements WebMvcConfigurer {

    /** Room for the form around the file (field names, the CSRF token, part headers). */
    private static final DataSize FORM_OVERHEAD = DataSize.ofKilobytes(64);

    private final MediaFiles files;

    MediaWebConfig(MediaFiles files) {
        this.files = files;
    }

    /** Runs before the security filters (see {@link UploadTooLargeFilter} for why). */
    @Bean
    FilterRegistrationBean<UploadTooLargeFilter> uploadTooLargeFilter(MediaService media, TemplateEngine templates) {
        FilterRegistrationBean<UploadTooLargeFilter> registration =
                new FilterRegistrationBean<>(new UploadTooLargeFilter(media, templates));
        registration.addUrlPatterns("/newsroom/media");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // File names are never reused (id plus random part), so a file can be cached for a year.
        registry.addResourceHandler("/media/**")
                .addResourceLocations(new FileSystemResource(files.root().toString() + "/"))
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(false)
                .addResolver(new OnlyMediaFiles());
    }

    /**
     * Only names the library writes ({@code 2026/11/7-k3f9x2ab-640.jpg}) resolve: no directory, no
     * temporary file, no dot segment can even be looked up.
     */
    static final class OnlyMediaFiles extends PathResourceResolver {

        @Override
        protected Resource getResource(String resourcePath, Resource location) throws java.io.IOException {
            if (!MediaFiles.SERVED.matcher(resourcePath).matches()) {
                return null;
            }
            return super.getResource(resourcePath, location);
        }
    }

    /**
     * The servlet container's multipart limits follow {@code minbar.media.max-upload-size} (the
     * {@code spring.servlet.multipart.max-file-size} and {@code max-request-size} settings are
     * replaced by it), so an oversized upload is cut off while it arrives and answered with 413.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, MediaProperties settings,
            org.minbar.system.DataDirectory data) {
        MultipartConfigElement base = multipart.createMultipartConfig();
        long maxFile = settings.maxUploadSize().toBytes();
        // Uploads being received (images, WXR files) go to the data directory's own temp area, private
        // to the site and emptied at start, not to the system's /tmp (world-readable, kept after a crash).
        return new MultipartConfigElement(data.root().resolve(org.minbar.system.DataDirectory.UPLOADS).toString(), maxFile, maxFile + FORM_OVERHEAD.toBytes(),
                base.getFileSizeThreshold());
    }
}
