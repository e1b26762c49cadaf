package org.minbar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Templates are compiled outside the feature packages, where the module checks cannot see them: each
 * may use the types of the one module that renders it (its own view records), and of the system
 * module, which every module uses (for the static assets' addresses, {@code StaticAssets.url}), no
 * other module's.
 */
class TemplateBoundaryTests {

    private static final Path TEMPLATES = Path.of("src/main/jte");

    /** The newsroom's pages that other modules render; every other template belongs to its folder's module. */
    private static final Map<String, String> RENDERED_ELSEWHERE = Map.of(
            "newsroom/newsletter.jte", "newsletter",
            "newsroom/media.jte", "media",
            "newsroom/import.jte", "migration");

    private static final Pattern MINBAR_TYPE = Pattern.compile("\\borg\\.minbar\\.([a-z]+)\\.");

    @Test
    void everyTemplateUsesOnlyTheTypesOfTheModuleThatRendersIt() throws IOException {
        Map<String, Set<String>> foreign = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
                String name = TEMPLATES.relativize(file).toString().replace('\\', '/');
                String owner = owner(name);
                Matcher used = MINBAR_TYPE.matcher(Files.readString(file));
                while (used.find()) {
                    if (!used.group(1).equals(owner) && !used.group(1).equals("system")) {
                        foreign.computeIfAbsent(name, n -> new TreeSet<>()).add(used.group(1));
                    }
                }
            }
        }
        assertThat(foreign).as("templates using other modules' types (give them view records of their own module)").isEmpty();
    }

    private static String owner(String template) {
        if (RENDERED_ELSEWHERE.containsKey(template)) {
            return RENDERED_ELSEWHERE.get(template);
        }
        if (template.startsWith("newsroom/")) {
            return "newsroom";
        }
        if (template.startsWith("mail/")) {
            return "newsletter";
        }
        return "site";
    }

    @Test
    void theCheckSeesAForeignType() {
        Matcher used = MINBAR_TYPE.matcher("@import org.minbar.taxonomy.Section");
        assertThat(used.find()).isTrue();
        assertThat(used.group(1)).isEqualTo("taxonomy");
    }
}
