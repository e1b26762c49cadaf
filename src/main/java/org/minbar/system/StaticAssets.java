package org.minbar.system;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.CssLinkResourceTransformer;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Stylesheets, scripts and fonts under names that carry a hash of their content
 * ({@code /css/site-3f2a….css}), so that a browser or CDN keeps them for a year without asking
 * ({@code immutable}) and a new release is fetched at once under its new name. Templates name an
 * asset by its plain path through {@link #url}; links inside stylesheets (the fonts) are rewritten
 * by Spring's {@link CssLinkResourceTransformer}. The plain names still answer (for a page kept
 * from before a release).
 */
@Configuration(proxyBeanMethods = false)
public class StaticAssets implements WebMvcConfigurer {

    private static final String[] FOLDERS = {"css", "js", "fonts"};
    /** Set when the web context is up; templates rendered without one (tests of a template alone) get plain paths. */
    private static volatile ResourceUrlProvider urls;

    /** The content-hashed address of a static asset ({@code /css/site.css}), or the path itself when it has none. */
    public static String url(String path) {
        ResourceUrlProvider provider = urls;
        String hashed = provider == null ? null : provider.getForLookupPath(path);
        return hashed == null ? path : hashed;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : FOLDERS) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"))
                    .addTransformer(new CssLinkResourceTransformer());
        }
    }

    @EventListener
    void webContextReady(ContextRefreshedEvent refreshed) {
        refreshed.getApplicationContext().getBeanProvider(ResourceUrlProvider.class).ifAvailable(provider -> urls = provider);
    }
}
