package org.minbar.taxonomy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.minbar.system.CleanText;
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

    TaxonomyService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** All sections in navigation order. */
    public List<Section> sections() {
        return jdbc.sql(SECTION_COLUMNS + "order by position, id").query(TaxonomyService::section).list();
    }

    /** All sections by id, in navigation order (for pages and answers that name many articles' sections). */
    public Map<Long, Section> sectionsById() {
        Map<Long, Section> byId = new LinkedHashMap<>();
        sections().forEach(section -> byId.put(section.id(), section));
        return byId;
    }

    public Optional<Section> section(long id) {
        return jdbc.sql(SECTION_COLUMNS + "where id = ?").param(id).query(TaxonomyService::section).optional();
    }

    public Optional<Section> sectionBySlug(String slug) {
        return jdbc.sql(SECTION_COLUMNS + "where slug = ?").param(slug).query(TaxonomyService::section).optional();
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
        return sectionBySlug(uniqueSlug).orElseThrow();
    }

    public List<Tag> tags(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, slug, name from tag where id in (:ids)").param("ids", ids)
                .query(TaxonomyService::tag).list();
    }

    /** Every tag, by name. */
    public List<Tag> allTags() {
        return jdbc.sql("select id, slug, name from tag order by name").query(TaxonomyService::tag).list();
    }

    public Optional<Tag> tagBySlug(String slug) {
        return jdbc.sql("select id, slug, name from tag where slug = ?").param(slug).query(TaxonomyService::tag).optional();
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
