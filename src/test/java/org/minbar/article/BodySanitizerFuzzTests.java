package org.minbar.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Whatever HTML comes in, what is stored holds only the safe subset: the elements BodySanitizer
 * allows (and the wrapper it puts around tables), no event handlers, and no link or image address
 * with a script or data scheme. Saved inputs (src/test/resources/org/minbar/article/
 * BodySanitizerFuzzTestsInputs/) run in every build; {@code JAZZER_FUZZ=1} searches for new ones.
 */
class BodySanitizerFuzzTests {

    /** BodySanitizer's safe subset, and the body element of the parsed fragment. */
    static final Set<String> ELEMENTS = Set.of("body", "p", "h2", "h3", "blockquote", "ul", "ol", "li", "a", "strong",
            "em", "b", "i", "br", "figure", "img", "figcaption", "aside",
            "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt", "dd", "pre", "code", "hr",
            "sub", "sup", "del", "ins", "s", "q", "cite", "abbr", "kbd");

    @FuzzTest(maxDuration = "30s")
    void storedBodiesAreAlwaysSafe(String html) {
        String safe = BodySanitizer.sanitize(html);
        for (Element element : Jsoup.parseBodyFragment(safe).body().select("*")) {
            if (element.normalName().equals("div")) {
                // The only element outside the subset: the scrolling wrapper BodyLayout puts around a table.
                assertThat(element.className()).isEqualTo(BodyLayout.TABLE_WRAPPER_CLASS);
            } else {
                assertThat(element.normalName()).isIn(ELEMENTS);
            }
            element.attributes().forEach(attribute -> {
                assertThat(attribute.getKey()).doesNotStartWith("on");
                if (attribute.getKey().equals("href") || attribute.getKey().equals("src")) {
                    String address = attribute.getValue().toLowerCase().replaceAll("[\\s\\p{Cntrl}]", "");
                    assertThat(address).doesNotStartWith("javascript:").doesNotStartWith("vbscript:").doesNotStartWith("data:");
                }
            });
        }
    }
}
