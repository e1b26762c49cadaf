package org.minbar.migration;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.minbar.system.CommandContext;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import org.minbar.system.SiteAddress;
import org.springframework.stereotype.Component;

/** {@code import-text FILE [--section SLUG] [--published ISO-DATE] [--tags "A,B"]} */
@Component
class ImportTextCommand implements MinbarCommand {

    private final TextImporter importer;
    private final SiteAddress site;

    ImportTextCommand(TextImporter importer, SiteAddress site) {
        this.importer = importer;
        this.site = site;
    }

    @Override
    public String name() {
        return "import-text";
    }

    @Override
    public String usage() {
        return "FILE [--section SLUG] [--published ISO-DATE] [--tags \"A,B\"]: import an article in the seed's text format";
    }

    @Override
    public int run(CommandContext context) {
        List<String> files = context.positional();
        if (files.size() != 1) {
            throw new CommandFailedException("usage: import-text " + usage());
        }
        Path file = context.resolve(files.get(0));
        OffsetDateTime published = context.option("published").map(ImportTextCommand::parseDate).orElse(null);
        List<String> tags = context.option("tags").map(t -> Arrays.stream(t.split("[,،]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        TextImporter.Imported imported;
        try {
            imported = importer.importText(TextImporter.read(file), file.toString(), context.option("section").orElse(null),
                    published, tags);
        } catch (MalformedImportException e) {
            throw new CommandFailedException(e.getMessage() + " (nothing was imported)");
        }
        ParsedArticle parsed = imported.parsed();
        context.println("Imported \"%s\": %d paragraphs, %d subheadings, %d read-also promos, %d contributor(s)".formatted(
                parsed.title(), parsed.count(ParsedArticle.Paragraph.class), parsed.count(ParsedArticle.Subheading.class),
                parsed.count(ParsedArticle.ReadAlsoPromo.class), parsed.contributors().size()));
        context.println(imported.id() + " " + site.absolute(imported.path()));
        return 0;
    }

    static OffsetDateTime parseDate(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandFailedException("--published must be an ISO date such as 2021-12-07 or 2021-12-07T18:00:00+02:00, got " + text);
        }
    }
}
