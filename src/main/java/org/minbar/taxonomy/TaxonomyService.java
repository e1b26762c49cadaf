package org.minbar.taxonomy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.minbar.system.CleanText;
import org.minbar.system.KeptCopies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sections and tags: lookups for pages and importers, and creation on first use. Names and slugs
 * are cleaned on the way in ({@link CleanText#title}): they appear in feeds, sitemaps and menus.
 */
@Service
public class TaxonomyService {

    private static final String SECTION_COLUMNS = "select id, slug, name, parent_id, kind, position from section ";

    private final JdbcClient jdbc;

    /**
     * Every page names the sections (navigation, teasers, breadcrumbs): they are kept in memory, read
     * again after a section is added or moved (and every few seconds). Tags never change once made: kept
     * by id and slug.
     */
    private final KeptCopies copies = new KeptCopies();
    private volatile SectionList keptSections;
    private final Cache<Long, Tag> tagsById = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE).build();
    private final Cache<String, Tag> tagsBySlug = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(KeptCopies.TIME_TO_LIVE).build();

    private record SectionList(List<Section> inOrder, Map<Long, Section> byId, Map<String, Section> bySlug, long readAt) {

        boolean fresh() {
            return System.nanoTime() - readAt < KeptCopies.TIME_TO_LIVE.toNanos();
        }

        static SectionList of(List<Section> sections) {
            Map<Long, Section> byId = new LinkedHashMap<>();
            Map<String, Section> bySlug = new java.util.HashMap<>();
            sections.forEach(section -> {
                byId.put(section.id(), section);
                bySlug.put(section.slug(), section);
            });
            return new SectionList(List.copyOf(sections), java.util.Collections.unmodifiableMap(byId), Map.copyOf(bySlug),
                    System.nanoTime());
        }
    }

    TaxonomyService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private SectionList sectionList() {
        return copies.kept(() -> keptSections != null && keptSections.fresh() ? keptSections : null,
                () -> SectionList.of(jdbc.sql(SECTION_COLUMNS + "order by position, id").query(TaxonomyService::section).list()),
                read -> keptSections = read);
    }

    private void sectionsChanged() {
        copies.changed(() -> keptSections = null);
    }

    /** All sections in navigation order. */
    public List<Section> sections() {
        return sectionList().inOrder();
    }

    /** All sections by id, in navigation order (for pages and answers that name many articles' sections). */
    public Map<Long, Section> sectionsById() {
        return sectionList().byId();
    }

    public Optional<Section> section(long id) {
        return Optional.ofNullable(sectionList().byId().get(id));
    }

    public Optional<Section> sectionBySlug(String slug) {
        return Optional.ofNullable(sectionList().bySlug().get(slug));
    }

    /** The section with this name; names are unique among siblings only, so a top-level one is preferred. */
    public Optional<Section> sectionByName(String name) {
        return jdbc.sql(SECTION_COLUMNS + "where name = ? order by case when parent_id is null then 0 else 1 end, id")
                .param(CleanText.title(name).strip()).query(TaxonomyService::section).list().stream().findFirst();
    }

    /** The section with this name, created (as a news section at the end) when missing. */
    @Transactional
    public Section ensureSection(String name) {
        String clean = CleanText.title(name);
        return sectionByName(clean).orElseGet(() -> createSection(Slugs.of(clean), clean, SectionKind.NEWS, null));
    }

    /** The section with this slug, created with the given name and kind when missing. */
    @Transactional
    public Section ensureSection(String slug, String name, SectionKind kind) {
        return ensureSection(slug, name, kind, null);
    }

    /**
     * The section with this slug; else the one with this name under {@code parentId} (null: the top
     * level), since names are unique among siblings; else a new one there, with this slug when it is
     * free (an importer keeps another site's slugs and its same-name categories under different parents).
     */
    @Transactional
    public Section ensureSection(String slug, String name, SectionKind kind, Long parentId) {
        String cleanSlug = CleanText.title(slug).strip();
        String cleanName = CleanText.title(name).strip();
        return sectionBySlug(cleanSlug).or(() -> sectionNamed(cleanName, parentId))
                .orElseGet(() -> createSection(cleanSlug, cleanName, kind, parentId));
    }

    private Optional<Section> sectionNamed(String name, Long parentId) {
        return parentId == null
                ? jdbc.sql(SECTION_COLUMNS + "where name = ? and parent_id is null").param(name.strip()).query(TaxonomyService::section)
                        .optional()
                : jdbc.sql(SECTION_COLUMNS + "where name = ? and parent_id = ?").params(name.strip(), parentId)
                        .query(TaxonomyService::section).optional();
    }

    /** Places the section under {@code parentId} (null: top level), as an importer keeps another site's hierarchy. */
    @Transactional
    public void setParent(long sectionId, Long parentId) {
        if (parentId != null && parentId == sectionId) {
            throw new IllegalArgumentException("A section cannot be its own parent");
        }
        jdbc.sql("update section set parent_id = ? where id = ?").params(parentId, sectionId).update();
        sectionsChanged();
    }

    private Section createSection(String slug, String name, SectionKind kind, Long parentId) {
        String clean = CleanText.title(name).strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new IllegalArgumentException("A section name must have 1 to 200 characters");
        }
        String uniqueSlug = uniqueSlug("section", slug);
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from section").query(Integer.class).single();
        jdbc.sql("insert into section (slug, name, parent_id, kind, position) values (?, ?, ?, ?, ?)")
                .params(uniqueSlug, clean, parentId, kind.name(), position).update();
        sectionsChanged();
        return sectionBySlug(uniqueSlug).orElseThrow();
    }

    public List<Tag> tags(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Tag> found = new java.util.HashMap<>(tagsById.getAllPresent(ids));
        List<Long> missing = ids.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            List<Tag> read = jdbc.sql("select id, slug, name from tag where id in (:ids)").param("ids", missing)
                    .query(TaxonomyService::tag).list();
            read.forEach(tag -> found.put(tag.id(), tag));
            if (KeptCopies.mayKeep()) {
                read.forEach(tag -> tagsById.put(tag.id(), tag));
            }
        }
        return ids.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Every tag, by name. */
    public List<Tag> allTags() {
        return jdbc.sql("select id, slug, name from tag order by name").query(TaxonomyService::tag).list();
    }

    public Optional<Tag> tagBySlug(String slug) {
        Tag kept = tagsBySlug.getIfPresent(slug);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<Tag> read = jdbc.sql("select id, slug, name from tag where slug = ?").param(slug).query(TaxonomyService::tag).optional();
        if (KeptCopies.mayKeep()) {
            read.ifPresent(tag -> tagsBySlug.put(slug, tag)); // absent ones are not kept: the tag may be made
        }
        return read;
    }

    /** The tag with this name, created when missing. */
    @Transactional
    public Tag ensureTag(String name) {
        return ensureTag(null, name);
    }

    /**
     * The tag with this name, created when missing with {@code slug} when it is free (an importer
     * keeps another site's slugs so that old addresses still lead somewhere); null: made from the name.
     */
    @Transactional
    public Tag ensureTag(String slug, String name) {
        String clean = CleanText.title(name).strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new IllegalArgumentException("A tag name must have 1 to 200 characters");
        }
        return jdbc.sql("select id, slug, name from tag where name = ?").param(clean).query(TaxonomyService::tag).optional()
                .orElseGet(() -> {
                    String unique = uniqueSlug("tag", slug == null || slug.isBlank() ? Slugs.of(clean) : CleanText.title(slug).strip());
                    jdbc.sql("insert into tag (slug, name) values (?, ?)").params(unique, clean).update();
                    copies.changed(() -> tagsBySlug.invalidate(unique)); // a tag deleted by hand may have had this slug
                    return tagBySlug(unique).orElseThrow();
                });
    }

    private String uniqueSlug(String table, String base) {
        String slug = base;
        for (int n = 2; jdbc.sql("select count(*) from " + table + " where slug = ?").param(slug).query(Integer.class).single() > 0; n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    private static Section section(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long parentValue = rs.getLong("parent_id");
        Long parent = rs.wasNull() ? null : parentValue;
        return new Section(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), parent,
                SectionKind.valueOf(rs.getString("kind")), rs.getInt("position"));
    }

    private static Tag tag(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Tag(rs.getLong("id"), rs.getString("slug"), rs.getString("name"));
    }
}
