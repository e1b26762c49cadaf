package org.minbar.migration;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.minbar.system.CommandFailedException;
import org.minbar.system.MinbarCommand;
import org.minbar.system.SiteAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import-text FILE [--section SLUG] [--published ISO-DATE] [--tags "A,B"]} */
@MinbarCommand
@Command(name = "import-text", description = "Import an article in the seed's text format; prints its id and address last.")
class ImportTextCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the article, in UTF-8")
    Path file;

    @Option(names = "--section", paramLabel = "SLUG", description = "the article's section (it must exist)")
    String section;

    @Option(names = "--published", paramLabel = "ISO-DATE",
            description = "publishing date, such as 2021-12-07 or 2021-12-07T19:30:00+02:00")
    String published;

    @Option(names = "--tags", paramLabel = "A,B", description = "tags to add, separated by , or ،")
    String tags;

    @Spec
    CommandSpec spec;

    private final TextImporter importer;
    private final SiteAddress site;

    ImportTextCommand(TextImporter importer, SiteAddress site) {
        this.importer = importer;
        this.site = site;
    }

    @Override
    public Integer call() {
        OffsetDateTime publishedAt = published == null ? null : parseDate(published);
        List<String> extraTags = tags == null ? List.of() : Arrays.stream(tags.split("[,،]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        TextImporter.Imported imported;
        try {
            imported = importer.importText(TextImporter.read(file), file.toString(), section, publishedAt, extraTags);
        } catch (MalformedImportException e) {
            throw new CommandFailedException(e.getMessage() + " (nothing was imported)");
        }
        ParsedArticle parsed = imported.parsed();
        var out = spec.commandLine().getOut();
        out.println("Imported \"%s\": %d paragraphs, %d subheadings, %d read-also promos, %d contributor(s)".formatted(
                parsed.title(), parsed.count(ParsedArticle.Paragraph.class), parsed.count(ParsedArticle.Subheading.class),
                parsed.count(ParsedArticle.ReadAlsoPromo.class), parsed.contributors().size()));
        out.println(imported.id() + " " + site.absolute(imported.path()));
        out.flush();
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
