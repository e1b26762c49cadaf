package org.minbar.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nu.validator.client.EmbeddedValidator;
import tools.jackson.databind.JsonNode;

/** The Nu Html Checker (the W3C's validator, in-process from Maven Central's {@code nu.validator:validator}). */
public final class NuHtmlChecker {

    private NuHtmlChecker() {
    }

    /** The checker's errors (not its warnings or notes) for one page, one line each, named by {@code name}. */
    public static List<String> errors(String name, String html) throws Exception {
        EmbeddedValidator validator = new EmbeddedValidator();
        validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
        validator.setNoLangDetect(true);
        String report = validator.validate(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        List<String> errors = new ArrayList<>();
        for (JsonNode message : Http.parse(report).path("messages")) {
            String type = message.path("type").asString();
            if (type.equals("error") || type.equals("non-document-error")) {
                errors.add(name + ":" + message.path("lastLine").asInt() + ": " + message.path("message").asString()
                        + " [" + message.path("extract").asString().strip() + "]");
            }
        }
        return errors;
    }

    /** The errors of an HTML fragment (an article body), checked inside a minimal Arabic page. */
    public static List<String> fragmentErrors(String name, String fragment) throws Exception {
        return errors(name, "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>x</title></head><body>\n"
                + fragment + "\n</body></html>");
    }
}
