package org.minbar.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index: one writer, and searchers refreshed after every change so that a published
 * article is searchable at once. Derived data: it can always be rebuilt from the database.
 */
final class SearchIndex implements Closeable, Searchable {

    static final String ID = "id";
    static final String SLUG = "slug";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String EXCERPT = "excerpt";
    static final String PROMOS = "promos";
    static final String TAGS = "tags";
    static final String TAG = "tag";
    static final String SECTION = "section";
    static final String SECTION_NAME = "section_name";
    static final String CONTRIBUTORS = "contributors";
    static final String PUBLISHED = "published";
    static final String EXACT = ArabicAnalysis.EXACT_SUFFIX;
    static final String COMMITTED_AT = "committedAt";
    /** The article's version when indexed: {@code verify} compares it with the database's. */
    static final String VERSION = "version";

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    /** The body keeps its word offsets, so snippets need not analyze it again for every result. */
    private static final FieldType BODY_WITH_OFFSETS = bodyType();

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer = ArabicAnalysis.perField();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean createdFresh;
    private volatile boolean changed;
    private volatile boolean unseen;

    private SearchIndex(Path path, Directory directory, boolean createdFresh) throws IOException {
        this.path = path;
        this.directory = directory;
        this.createdFresh = createdFresh;
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        if (createdFresh) {
            this.writer.commit();
        }
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index in {@code path}; a corrupt or unreadable index is deleted (it is derived data:
     * the database has everything in it) and a new empty one is created ({@link #createdFresh()}
     * tells the caller to rebuild it).
     */
    static SearchIndex open(Path path) {
        try {
            Files.createDirectories(path);
            FSDirectory directory = FSDirectory.open(path);
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                try {
                    DirectoryReader.open(directory).close();
                    return new SearchIndex(path, directory, false);
                } catch (IOException | RuntimeException corrupt) {
                    log.warn("The search index in {} cannot be read ({}); starting a new one and rebuilding it", path,
                            corrupt.toString());
                    directory.close();
                    deleteContents(path);
                    return new SearchIndex(path, FSDirectory.open(path), true);
                }
            }
            return new SearchIndex(path, directory, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + path, e);
        }
    }

    /** A new, empty index in {@code path}, replacing whatever was there (a rebuild's fresh directory). */
    static SearchIndex create(Path path) {
        try {
            if (Files.exists(path)) {
                deleteContents(path);
            }
            Files.createDirectories(path);
            return new SearchIndex(path, FSDirectory.open(path), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a search index in " + path, e);
        }
    }

    /** An index in memory, for tests and benchmarks. */
    static SearchIndex inMemory() {
        try {
            return new SearchIndex(null, new org.apache.lucene.store.ByteBuffersDirectory(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean createdFresh() {
        return createdFresh;
    }

    Analyzer analyzer() {
        return analyzer;
    }

    void put(IndexedArticle article) {
        try {
            writer.updateDocument(new Term(ID, Long.toString(article.id())), document(article));
            changed = true;
            unseen = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(long id) {
        try {
            writer.deleteDocuments(new Term(ID, Long.toString(id)));
            changed = true;
            unseen = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void removeAll() {
        try {
            writer.deleteAll();
            changed = true;
            unseen = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes changes durable and visible, and records when: after a crash, articles changed since
     * shortly before the last commit are indexed again (see {@link #lastCommit()}).
     */
    synchronized void commit() {
        try {
            Instant started = Instant.now();
            changed = false;
            writer.setLiveCommitData(Map.of(COMMITTED_AT, started.toString()).entrySet());
            writer.commit();
            unseen = false;
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            changed = true;
            throw new UncheckedIOException(e);
        }
    }

    /** Commits when something changed since the last commit. */
    void commitIfChanged() {
        if (changed) {
            commit();
        }
    }

    /** When the last commit started, if it recorded it. */
    Optional<Instant> lastCommit() {
        try {
            for (Map.Entry<String, String> entry : writer.getLiveCommitData()) {
                if (entry.getKey().equals(COMMITTED_AT)) {
                    return Optional.of(Instant.parse(entry.getValue()));
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            // Unknown: the caller then cannot catch up by time; it still rebuilds the index when its
            // document count differs from the database's published articles.
            log.warn("Cannot read when the search index in {} was last committed; changes made just before"
                    + " a crash are not indexed again unless the index is rebuilt", path, e);
            return Optional.empty();
        }
    }

    /** Makes changes visible to searches when there are any, without the cost of a commit. */
    void refreshIfChanged() {
        if (unseen) {
            refresh();
        }
    }

    /** Makes changes visible to searches without the cost of a commit. */
    void refresh() {
        try {
            unseen = false;
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> T search(SearchFunction<T> function) {
        IndexSearcher searcher = null;
        try {
            searcher = searchers.acquire();
            return function.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (searcher != null) {
                try {
                    searchers.release(searcher);
                } catch (IOException ignored) {
                    // releasing a reader never fails in practice
                }
            }
        }
    }

    /** The version of the searchers' view of the index; it changes with every visible change. */
    long version() {
        return search(searcher -> ((DirectoryReader) searcher.getIndexReader()).getVersion());
    }

    /**
     * Every indexed article's id and stored version (-1 when it has none), as the searchers see the
     * index now: for {@code verify}.
     */
    Map<Long, Integer> indexedVersions() {
        return search(searcher -> {
            Map<Long, Integer> versions = new java.util.HashMap<>();
            IndexReader reader = searcher.getIndexReader();
            java.util.Set<String> fields = java.util.Set.of(ID, VERSION);
            for (LeafReaderContext leaf : reader.leaves()) {
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                org.apache.lucene.index.StoredFields stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document document = stored.document(doc, fields);
                    org.apache.lucene.index.IndexableField version = document.getField(VERSION);
                    versions.put(Long.parseLong(document.get(ID)), version == null ? -1 : version.numericValue().intValue());
                }
            }
            return versions;
        });
    }

    /** True when the index has articles indexed before it stored their versions: a rebuild adds them. */
    boolean lacksVersions() {
        return search(searcher -> {
            IndexReader reader = searcher.getIndexReader();
            return reader.numDocs() > 0
                    && org.apache.lucene.index.FieldInfos.getMergedFieldInfos(reader).fieldInfo(VERSION) == null;
        });
    }

    int documentCount() {
        return search(searcher -> searcher.getIndexReader().numDocs());
    }

    long sizeInBytes() {
        try {
            long total = 0;
            for (String file : directory.listAll()) {
                total += directory.fileLength(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Throws when the index is not usable: its directory is gone, the writer gave up, the last
     * commit or one of its files is unreadable, or the searchers' reader fails. The quick check
     * reads each file's footer; the deep one (after a failed search) verifies every checksum, of
     * the commit and of the segments the searchers read. Synchronized with {@link #commit()}, so
     * that no commit deletes the files being checked.
     */
    synchronized void verify(boolean deep) throws IOException {
        if (path != null && !Files.isDirectory(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "the index directory is gone");
        }
        if (!writer.isOpen()) {
            throw new IOException("the index writer is closed", writer.getTragicException());
        }
        SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
        for (String file : commit.files(false)) {
            try (IndexInput in = directory.openInput(file, IOContext.READONCE)) {
                if (deep) {
                    CodecUtil.checksumEntireFile(in);
                } else {
                    CodecUtil.retrieveChecksum(in);
                }
            }
        }
        search(searcher -> {
            IndexReader reader = searcher.getIndexReader();
            searcher.count(new MatchAllDocsQuery());
            if (deep) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    leaf.reader().checkIntegrity();
                }
            } else if (reader.maxDoc() > 0) {
                searcher.storedFields().document(reader.maxDoc() - 1);
            }
            return null;
        });
    }

    /**
     * Closes a damaged or replaced index without committing anything: its files may be unreadable
     * or gone. Searches still running on it finish on the reader they hold.
     */
    void discard() {
        try {
            searchers.close();
        } catch (IOException | RuntimeException ignored) {
            // the index is being thrown away
        }
        try {
            writer.rollback();
        } catch (IOException | RuntimeException ignored) {
            // idem
        }
        try {
            directory.close();
        } catch (IOException | RuntimeException ignored) {
            // idem
        }
    }

    Path path() {
        return path;
    }

    @FunctionalInterface
    interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private static FieldType bodyType() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private static Document document(IndexedArticle a) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(a.id()), Field.Store.YES));
        doc.add(new StoredField(SLUG, a.slug()));
        doc.add(new TextField(TITLE, a.title(), Field.Store.YES));
        doc.add(new TextField(TITLE + EXACT, a.title(), Field.Store.NO));
        doc.add(new Field(BODY, a.body(), BODY_WITH_OFFSETS));
        doc.add(new TextField(BODY + EXACT, a.body(), Field.Store.NO));
        doc.add(new TextField(EXCERPT, a.excerpt() == null ? "" : a.excerpt(), Field.Store.NO));
        doc.add(new TextField(PROMOS, a.promos() == null ? "" : a.promos(), Field.Store.NO));
        doc.add(new TextField(TAGS, String.join(" | ", a.tagNames()), Field.Store.NO));
        a.tagSlugs().forEach(slug -> doc.add(new StringField(TAG, slug, Field.Store.NO)));
        if (a.sectionSlug() != null) {
            doc.add(new StringField(SECTION, a.sectionSlug(), Field.Store.YES));
            doc.add(new TextField(SECTION_NAME, a.sectionName(), Field.Store.YES));
        }
        doc.add(new TextField(CONTRIBUTORS, String.join(" | ", a.contributors()), Field.Store.NO));
        doc.add(new LongPoint(PUBLISHED, a.publishedMillis()));
        doc.add(new NumericDocValuesField(PUBLISHED, a.publishedMillis()));
        doc.add(new StoredField(PUBLISHED, a.publishedMillis()));
        if (a.version() >= 0) {
            doc.add(new StoredField(VERSION, a.version()));
        }
        return doc;
    }

    static void deleteContents(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(path)).toList();
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close();
            } finally {
                directory.close();
            }
        }
    }
}
