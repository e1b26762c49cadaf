package org.minbar.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenSearch index, through the low-level REST client: searches and writes go to an alias
 * ({@code minbar.search.opensearch.index}) of a concrete index that a rebuild replaces. Documents
 * are keyed by article id and written with the article's version (external versioning), so that
 * nodes writing the same article is harmless and an older copy never overwrites a newer one.
 */
final class OpenSearchIndex implements Closeable {

    private final RestClient client;
    private final String alias;
    final JsonMapper json = JsonMapper.builder().build();

    OpenSearchIndex(URI url, String alias, String username, String password, Duration timeout) {
        RestClientBuilder builder = RestClient.builder(new HttpHost(url.getHost(), url.getPort() < 0
                ? ("https".equals(url.getScheme()) ? 443 : 80) : url.getPort(), url.getScheme()))
                .setRequestConfigCallback(config -> config.setConnectTimeout((int) Math.min(timeout.toMillis(), 2000))
                        .setSocketTimeout((int) timeout.toMillis()));
        if (username != null && !username.isBlank()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password == null ? "" : password));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        this.client = builder.build();
        this.alias = alias;
    }

    String alias() {
        return alias;
    }

    /** The index settings: the Arabic analysis of {@link ArabicAnalysis} as analyzers, and the fields of {@link SearchIndex}. */
    ObjectNode definition() {
        ObjectNode root = json.createObjectNode();
        ObjectNode settings = root.putObject("settings");
        settings.put("number_of_shards", 1); // one shard: word statistics, hence scores, as Lucene's
        settings.put("auto_expand_replicas", "0-1");
        ObjectNode analysis = settings.putObject("analysis");
        ObjectNode charFilter = analysis.putObject("char_filter").putObject("minbar_chars");
        charFilter.put("type", "mapping");
        ArrayNode mappings = charFilter.putArray("mappings");
        ArabicAnalysis.charMappings().forEach((from, to) -> mappings.add(from + "=>" + to));
        // Lucene drops stop words as written, tashkeel and tatweel aside (ArabicAnalysis.WrittenStopFilter),
        // before normalization. OpenSearch has no such filter: tashkeel and tatweel are removed here, before
        // the stop filter (normalization would remove them anyway; offsets still point into the text).
        for (char c = '\u064B'; c <= '\u0652'; c++) {
            mappings.add(c + "=>");
        }
        mappings.add("\u0640=>");
        ObjectNode filters = analysis.putObject("filter");
        filters.putObject("minbar_stop").put("type", "stop").put("stopwords", "_arabic_");
        filters.putObject("minbar_stem").put("type", "arabic_stem");
        ObjectNode analyzers = analysis.putObject("analyzer");
        analyzers.set("minbar_stemmed", analyzer(true));
        analyzers.set("minbar_exact", analyzer(false));
        ObjectNode properties = root.putObject("mappings").put("dynamic", "strict").putObject("properties");
        properties.putObject(SearchIndex.ID).put("type", "keyword");
        properties.putObject(SearchIndex.SLUG).put("type", "keyword").put("index", false);
        text(properties, SearchIndex.TITLE, true).putArray("copy_to").add(SearchIndex.TITLE + SearchIndex.EXACT);
        text(properties, SearchIndex.TITLE + SearchIndex.EXACT, false);
        text(properties, SearchIndex.BODY, true).put("index_options", "offsets").putArray("copy_to")
                .add(SearchIndex.BODY + SearchIndex.EXACT);
        text(properties, SearchIndex.BODY + SearchIndex.EXACT, false);
        text(properties, SearchIndex.EXCERPT, true);
        text(properties, SearchIndex.PROMOS, true);
        text(properties, SearchIndex.TAGS, true);
        properties.putObject(SearchIndex.TAG).put("type", "keyword");
        properties.putObject(SearchIndex.SECTION).put("type", "keyword");
        text(properties, SearchIndex.SECTION_NAME, true);
        text(properties, SearchIndex.CONTRIBUTORS, true);
        properties.putObject(SearchIndex.PUBLISHED).put("type", "date").put("format", "epoch_millis");
        return root;
    }

    private ObjectNode analyzer(boolean stem) {
        ObjectNode analyzer = json.createObjectNode().put("type", "custom").put("tokenizer", "standard");
        analyzer.putArray("char_filter").add("minbar_chars");
        ArrayNode filter = analyzer.putArray("filter").add("lowercase").add("decimal_digit").add("minbar_stop")
                .add("arabic_normalization");
        if (stem) {
            filter.add("minbar_stem");
        }
        return analyzer;
    }

    private static ObjectNode text(ObjectNode properties, String name, boolean stemmed) {
        return properties.putObject(name).put("type", "text").put("analyzer", stemmed ? "minbar_stemmed" : "minbar_exact");
    }

    ObjectNode document(IndexedArticle a) {
        ObjectNode doc = json.createObjectNode();
        doc.put(SearchIndex.ID, Long.toString(a.id()));
        doc.put(SearchIndex.SLUG, a.slug());
        doc.put(SearchIndex.TITLE, a.title());
        doc.put(SearchIndex.BODY, a.body());
        doc.put(SearchIndex.EXCERPT, a.excerpt() == null ? "" : a.excerpt());
        doc.put(SearchIndex.PROMOS, a.promos() == null ? "" : a.promos());
        doc.put(SearchIndex.TAGS, String.join(" | ", a.tagNames()));
        ArrayNode tags = doc.putArray(SearchIndex.TAG);
        a.tagSlugs().forEach(tags::add);
        if (a.sectionSlug() != null) {
            doc.put(SearchIndex.SECTION, a.sectionSlug());
            doc.put(SearchIndex.SECTION_NAME, a.sectionName());
        }
        doc.put(SearchIndex.CONTRIBUTORS, String.join(" | ", a.contributors()));
        doc.put(SearchIndex.PUBLISHED, a.publishedMillis());
        return doc;
    }

    /** The concrete indices the alias points to (none when it does not exist). */
    List<String> aliasTargets() {
        try {
            JsonNode aliases = call("GET", "/_alias/" + alias, null);
            List<String> targets = new ArrayList<>();
            aliases.propertyNames().forEach(targets::add);
            return targets;
        } catch (NotFound e) {
            return List.of();
        }
    }

    /** Creates the index and its alias when the alias does not exist; true when it did so. */
    boolean createIfAbsent() {
        if (!aliasTargets().isEmpty()) {
            return false;
        }
        String fresh = createFresh();
        try {
            ObjectNode actions = json.createObjectNode();
            actions.putArray("actions").addObject().putObject("add").put("index", fresh).put("alias", alias);
            call("POST", "/_aliases", actions);
            return true;
        } catch (RuntimeException e) {
            deleteQuietly(fresh); // another node created the alias meanwhile, or the cluster failed
            if (!aliasTargets().isEmpty()) {
                return false;
            }
            throw e;
        }
    }

    /** A new, empty concrete index for the alias (a rebuild fills it, then {@link #pointAliasTo}). */
    String createFresh() {
        String name = alias + "-" + System.currentTimeMillis() + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()) & 0xffff);
        try {
            call("PUT", "/" + name, definition());
        } catch (RuntimeException e) {
            // Timed out while the cluster created it (seen on a busy machine): not left behind unused.
            deleteQuietly(name);
            throw e;
        }
        return name;
    }

    /** Points the alias at {@code fresh} in one step, then deletes the indices it pointed to before. */
    void pointAliasTo(String fresh) {
        List<String> old = aliasTargets();
        ObjectNode body = json.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (String index : old) {
            actions.addObject().putObject("remove").put("index", index).put("alias", alias);
        }
        actions.addObject().putObject("add").put("index", fresh).put("alias", alias);
        call("POST", "/_aliases", body);
        old.stream().filter(index -> !index.equals(fresh)).forEach(this::deleteQuietly);
    }

    void deleteQuietly(String index) {
        try {
            call("DELETE", "/" + index, null);
        } catch (RuntimeException ignored) {
            // gone already, or the cluster is away: an unused index is only disk space
        }
    }

    /** Writes an article under its id; an older version than the one indexed is ignored. */
    void put(IndexedArticle article, long version) {
        put(alias, article, version, true);
    }

    void put(String index, IndexedArticle article, long version, boolean requireAlias) {
        try {
            call("PUT", "/" + index + "/_doc/" + article.id() + "?version_type=external_gte&version=" + version
                    + (requireAlias ? "&require_alias=true" : ""), document(article));
        } catch (Conflict newer) {
            // a newer version of the article is indexed already (by another node)
        }
    }

    /** Writes many articles in one request; each {@code versions[i]} is that of {@code articles.get(i)}. */
    void bulk(String index, List<IndexedArticle> articles, long[] versions) {
        if (articles.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < articles.size(); i++) {
            ObjectNode action = json.createObjectNode();
            action.putObject("index").put("_index", index).put("_id", Long.toString(articles.get(i).id()))
                    .put("version", versions[i]).put("version_type", "external_gte");
            body.append(json.writeValueAsString(action)).append('\n')
                    .append(json.writeValueAsString(document(articles.get(i)))).append('\n');
        }
        Request request = new Request("POST", "/_bulk");
        request.setJsonEntity(body.toString());
        JsonNode result = perform(request);
        if (result.path("errors").asBoolean(false)) {
            for (JsonNode item : result.path("items")) {
                int status = item.path("index").path("status").asInt(200);
                if (status >= 300 && status != 409) {
                    throw new IllegalStateException("OpenSearch refused a document: " + item.path("index").path("error"));
                }
            }
        }
    }

    void remove(long id) {
        try {
            call("DELETE", "/" + alias + "/_doc/" + id, null);
        } catch (NotFound alreadyGone) {
            // not indexed: nothing to remove
        }
    }

    void refresh(String index) {
        call("POST", "/" + index + "/_refresh", null);
    }

    long count() {
        return call("GET", "/" + alias + "/_count", null).path("count").asLong();
    }

    /** Changes when any node indexes or deletes a document (a rebuilt index counts again from 0, under another name). */
    long changeStamp() {
        JsonNode stats = call("GET", "/" + alias + "/_stats/indexing", null);
        long stamp = 0;
        for (Map.Entry<String, JsonNode> index : stats.path("indices").properties()) {
            JsonNode indexing = index.getValue().path("primaries").path("indexing");
            stamp = 31 * stamp + index.getKey().hashCode();
            stamp = 31 * stamp + indexing.path("index_total").asLong() + 7 * indexing.path("delete_total").asLong();
        }
        return stamp;
    }

    JsonNode search(ObjectNode query) {
        return call("POST", "/" + alias + "/_search", query);
    }

    /** A request answered with a JSON body; a failure throws ({@link NotFound}, {@link Conflict}, else unchecked). */
    JsonNode call(String method, String path, JsonNode body) {
        Request request = new Request(method, path);
        if (body != null) {
            request.setJsonEntity(json.writeValueAsString(body));
        }
        return perform(request);
    }

    private JsonNode perform(Request request) {
        try {
            Response response = client.performRequest(request);
            byte[] bytes = response.getEntity() == null ? new byte[0] : response.getEntity().getContent().readAllBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404) {
                throw new NotFound(e);
            }
            if (status == 409) {
                throw new Conflict(e);
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    static final class Conflict extends RuntimeException {
        Conflict(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
