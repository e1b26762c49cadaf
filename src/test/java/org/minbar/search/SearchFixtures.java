package org.minbar.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.minbar.support.SeedFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Articles for search tests: the seed article, and the corpus (in ../shared/corpus, or its part in src/test/resources/corpus). */
final class SearchFixtures {

    static final Path CORPUS = Path.of("../shared/corpus/arabic-news.jsonl");
    static final String SEED_TITLE = SeedFile.TITLE;

    private SearchFixtures() {
    }

    /** The seed article: its title, and lines 3 to 26 as the body. */
    static IndexedArticle seed(long id) {
        List<String> lines = new String(SeedFile.bytes(), StandardCharsets.UTF_8).lines().toList();
        String body;
        String promos = lines.subList(2, 26).stream().filter(l -> l.startsWith("اقرأ أيضاً:")).collect(java.util.stream.Collectors.joining("\n"));
        body = lines.subList(2, 26).stream().filter(l -> !l.startsWith("اقرأ أيضاً:")).collect(java.util.stream.Collectors.joining("\n"));
        return new IndexedArticle(id, "seed", lines.get(1).strip(), null, body, promos, "reports", "تقارير وتحقيقات",
                List.of("بوتين"), List.of("بوتين"), List.of("أحمد قطمة"),
                LocalDate.of(2021, 12, 7).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    static IndexedArticle article(long id, String title, String body, String section, LocalDate published) {
        return new IndexedArticle(id, "a-" + id, title, null, body, null, section, section, List.of(), List.of(), List.of(),
                published.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    static SearchIndex index(List<IndexedArticle> articles) {
        SearchIndex index = SearchIndex.inMemory();
        articles.forEach(index::put);
        index.commit();
        return index;
    }

    record CorpusArticle(String corpusId, IndexedArticle article) {
    }

    /** One record of the corpus file; the publication day comes from the end of its id. */
    record CorpusRecord(String corpusId, String title, String body, String category, LocalDate published) {
    }

    /** The corpus records of a file, in file order. */
    static List<CorpusRecord> readCorpus(Path path) {
        JsonMapper json = JsonMapper.builder().build();
        List<CorpusRecord> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = json.readTree(line);
                String corpusId = r.get("id").asString();
                String day = corpusId.substring(corpusId.lastIndexOf('-') + 1);
                LocalDate date;
                try {
                    date = LocalDate.parse(day, DateTimeFormatter.BASIC_ISO_DATE);
                } catch (RuntimeException e) {
                    date = LocalDate.of(2017, 1, 1);
                }
                records.add(new CorpusRecord(corpusId, r.get("title").asString(), r.get("body").asString(),
                        r.get("category").asString(), date));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** The corpus with ids 1..n in file order. */
    static List<CorpusArticle> corpus() {
        return corpus(CORPUS);
    }

    /** The corpus records of a file (the full corpus or a part of it) with ids 1..n in file order. */
    static List<CorpusArticle> corpus(Path path) {
        List<CorpusArticle> result = new ArrayList<>();
        long id = 0;
        for (CorpusRecord r : readCorpus(path)) {
            id++;
            result.add(new CorpusArticle(r.corpusId(), article(id, r.title(), r.body(), r.category(), r.published())));
        }
        return result;
    }
}
