package org.minbar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Features talk only through their public services and events; no cycles between them. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(MinbarApplication.class);
    static final Path OUTPUT = Path.of("target", "spring-modulith-docs"); // the Documenter's default under Maven
    static final Path JAVADOC = Path.of("target", "generated-spring-modulith", "javadoc.json"); // written by spring-modulith-apt

    @Test
    void featurePackagesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * Writes the module documentation to {@code target/spring-modulith-docs}: a C4 component diagram of
     * all modules ({@code components.puml}), one per module with its neighbours ({@code module-NAME.puml})
     * and a canvas per module ({@code module-NAME.adoc}: its public types, Spring beans, events published
     * and listened to, configuration properties, with their Javadoc), and {@code all-docs.adoc} including them.
     */
    @Test
    void writesTheModuleDocumentation() throws IOException {
        readableJavadocForTheCanvases();
        new Documenter(MODULES).writeDocumentation();
        assertThat(OUTPUT.resolve("components.puml")).exists();
        MODULES.forEach(module -> {
            assertThat(OUTPUT.resolve("module-" + module.getIdentifier() + ".puml")).exists();
            assertThat(OUTPUT.resolve("module-" + module.getIdentifier() + ".adoc")).content().contains("`" + module.getBasePackage().getName() + "`");
        });
        assertThat(OUTPUT.resolve("module-search.adoc")).content().contains("Events listened to", "`o.m.a.ArticlePublished` (async)");
        assertThat(OUTPUT.resolve("all-docs.adoc")).exists();
    }

    /**
     * Spring Modulith 2.0.3 reads the extracted Javadoc with Boot's {@code BasicJsonParser} (spring-modulith#1762,
     * fixed in a later 2.0.x), which is not a full JSON parser: it fails on an escaped quote inside a string, and
     * it counts brackets and braces inside strings too, so one unbalanced {@code ]]>} in a comment breaks the
     * whole file. Our Javadoc quotes Arabic examples everywhere. Until the upgrade, the canvases get the Javadoc
     * with those quotes as apostrophes and a string's unbalanced brackets as parentheses; the file is a build
     * output, written again by every compile.
     */
    static String readableByBasicJsonParser(String json) {
        StringBuilder out = new StringBuilder(json.length());
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != '"') {
                out.append(c);
                i++;
                continue;
            }
            StringBuilder text = new StringBuilder();
            i++;
            while (json.charAt(i) != '"') {
                if (json.charAt(i) == '\\') {
                    char next = json.charAt(i + 1);
                    text.append(next == '"' ? "'" : "\\" + next);
                    i += 2;
                } else {
                    text.append(json.charAt(i++));
                }
            }
            i++;
            String value = text.toString();
            if (count(value, '{') != count(value, '}')) {
                value = value.replace('{', '(').replace('}', ')');
            }
            if (count(value, '[') != count(value, ']')) {
                value = value.replace('[', '(').replace(']', ')');
            }
            out.append('"').append(value).append('"');
        }
        return out.toString();
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }

    private static void readableJavadocForTheCanvases() throws IOException {
        if (Files.exists(JAVADOC)) { // else no Javadoc was extracted: the canvases are written without it
            Files.writeString(JAVADOC, readableByBasicJsonParser(Files.readString(JAVADOC)));
        }
    }
}
