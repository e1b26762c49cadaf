package org.minbar.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** The reader pages' stylesheet, put in the page itself (see {@link #inlineCss}). */
    static final String INLINE_STYLESHEET = "/css/site.css";
    private static final Pattern LOCAL_URL = Pattern.compile("url\\((/[^)'\"]+)\\)");
    /** The inlined stylesheet with its links versioned, and its CSP hash; made once the web context is up. */
    private static volatile Inline inline;

    private record Inline(String css, String cspSource) {
    }
    /** Set when the web context is up; templates rendered without one (tests of a template alone) get plain paths. */
    private static volatile ResourceUrlProvider urls;

    /** The content-hashed address of a static asset ({@code /css/site.css}), or the path itself when it has none. */
    public static String url(String path) {
        ResourceUrlProvider provider = urls;
        String hashed = provider == null ? null : provider.getForLookupPath(path);
        return hashed == null ? path : hashed;
    }

    /**
     * The reader pages' stylesheet as text for a {@code <style>} element, its font links under their
     * hashed names: a page then paints at once, with no stylesheet to wait for (about 4 KB compressed,
     * less than a second request costs on a phone; the newsroom links its own). Allowed by the
     * Content-Security-Policy through its hash ({@link #inlineStyleSource}).
     */
    public static String inlineCss(String path) {
        if (!INLINE_STYLESHEET.equals(path)) {
            throw new IllegalArgumentException("only " + INLINE_STYLESHEET + " is inlined (its hash is in the CSP)");
        }
        return inlined().css();
    }

    /** The CSP source ({@code 'sha256-…'}) that allows the inlined stylesheet. */
    static String inlineStyleSource() {
        return inlined().cspSource();
    }

    private static Inline inlined() {
        Inline made = inline;
        if (made != null) {
            return made;
        }
        String text;
        try (InputStream in = StaticAssets.class.getResourceAsStream("/static" + INLINE_STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException("the stylesheet " + INLINE_STYLESHEET + " is not on the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + INLINE_STYLESHEET, e);
        }
        Matcher link = LOCAL_URL.matcher(text);
        String css = link.replaceAll(found -> Matcher.quoteReplacement("url(" + url(found.group(1)) + ")"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            made = new Inline(css, "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        if (urls != null) { // before the web context (a template rendered alone) links are plain: not kept
            inline = made;
        }
        return made;
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
