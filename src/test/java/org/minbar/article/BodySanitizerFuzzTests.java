package org.minbar.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** Whatever HTML comes in, what is stored holds only the safe subset: no scripts, handlers or javascript: links. */
class BodySanitizerFuzzTests {

    @FuzzTest(maxDuration = "30s")
    void storedBodiesAreAlwaysSafe(String html) {
        String safe = BodySanitizer.sanitize(html);
        for (Element element : Jsoup.parseBodyFragment(safe).body().select("*")) {
            assertThat(element.normalName()).isIn("body", "p", "h2", "h3", "blockquote", "ul", "ol", "li", "a", "strong",
                    "em", "b", "i", "br", "figure", "img", "figcaption", "aside");
            element.attributes().forEach(attribute -> {
                assertThat(attribute.getKey()).doesNotStartWith("on");
                assertThat(attribute.getValue().toLowerCase().replaceAll("\\s", "")).doesNotStartWith("javascript:");
            });
        }
    }
}
