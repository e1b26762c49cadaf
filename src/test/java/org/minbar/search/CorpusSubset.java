package org.minbar.search;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of the Arabic news corpus committed with the tests (src/test/resources/corpus/, see the
 * README there): the corpus tests run on it in every build, with or without ../shared.
 *
 * <p>{@link #main} rebuilds it from the full corpus: for every query of
 * src/test/resources/search/relevance-queries.tsv its expected articles and the articles the full
 * corpus ranks in its first {@value #COMPETITORS} results (so that what competes with an expected
 * article for the top 10 on the full corpus competes in the subset too), then, for every category,
 * evenly spaced articles of that category until it has {@value #PER_CATEGORY}. Records are copied
 * verbatim, in corpus order.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/bench.classpath) org.minbar.search.CorpusSubset \
 *     ../shared/corpus/arabic-news.jsonl src/test/resources/corpus/arabic-news-subset.jsonl
 * </pre>
 */
final class CorpusSubset {

    static final String RESOURCE = "/corpus/arabic-news-subset.jsonl";
    static final int COMPETITORS = 20;
    static final int PER_CATEGORY = 40;

    private CorpusSubset() {
    }

    /** The committed subset, as {@link SearchFixtures#corpus()} reads the full corpus: ids 1..n in file order. */
    static List<SearchFixtures.CorpusArticle> articles() {
        URL url = CorpusSubset.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
        }
        try {
            return SearchFixtures.corpus(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path full = Path.of(args.length > 0 ? args[0] : SearchFixtures.CORPUS.toString());
        Path out = Path.of(args.length > 1 ? args[1] : "src/test/resources" + RESOURCE);
        List<String> lines = Files.readAllLines(full, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        List<SearchFixtures.CorpusArticle> corpus = SearchFixtures.corpus(full);
        if (corpus.size() != lines.size()) {
            throw new IllegalStateException("records and lines differ");
        }
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            indexOf.put(corpus.get(i).corpusId(), i);
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        try (SearchIndex index = SearchFixtures.index(corpus.stream().map(SearchFixtures.CorpusArticle::article).toList())) {
            ArticleSearcher searcher = new ArticleSearcher(index);
            for (CorpusRelevanceTests.RelevanceQuery q : CorpusRelevanceTests.queries()) {
                for (String id : q.expected()) {
                    chosen.add(indexOf.get(id));
                }
                for (int page = 1; (page - 1) * ArticleSearcher.PAGE_SIZE < COMPETITORS; page++) {
                    for (SearchHit hit : searcher.search(q.query(), null, null, null, null, SearchSort.RELEVANCE, page).hits()) {
                        chosen.add((int) hit.id() - 1);
                    }
                }
            }
        }
        int forQueries = chosen.size();
        Map<String, List<Integer>> byCategory = new TreeMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            byCategory.computeIfAbsent(corpus.get(i).article().sectionSlug(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> members : byCategory.values()) {
            long have = members.stream().filter(chosen::contains).count();
            // Evenly spaced through the category (corpus order), skipping those already chosen.
            double step = members.size() / (double) PER_CATEGORY;
            for (int k = 0; k < PER_CATEGORY && have < PER_CATEGORY; k++) {
                if (chosen.add(members.get((int) (k * step)))) {
                    have++;
                }
            }
        }
        List<String> subset = chosen.stream().map(lines::get).toList();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, subset, StandardCharsets.UTF_8);
        Map<String, Integer> counts = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String line : subset) {
            counts.merge(json.readTree(line).get("category").asString(), 1, Integer::sum);
        }
        System.out.printf("%d articles (%d for the relevance queries), %d bytes: %s%n", subset.size(), forQueries,
                Files.size(out), counts);
    }
}
