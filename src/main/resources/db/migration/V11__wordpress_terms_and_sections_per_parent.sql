-- WordPress allows two categories with the same name under different parents ("Foo A" at the top
-- and under "Foo Parent"), so a section's name is unique among its siblings, not site-wide (slugs,
-- which make the reader's URLs, stay unique). Dropping the column drops its unnamed unique
-- constraint on H2 and PostgreSQL alike; the top level (parent null) is kept unique by TaxonomyService.
alter table section add column name_per_parent varchar(200);
update section set name_per_parent = name;
alter table section drop column name;
alter table section rename column name_per_parent to name;
alter table section alter column name set not null;
create unique index section_name_per_parent on section (parent_id, name);

-- Imported WordPress categories and tags by their WordPress slug, so that /category/.../slug/ and
-- /tag/slug/ answer 301 to the section or tag they became, even when Minbar had to take another slug.
create table wordpress_term (
    site_url  varchar(500) not null,
    taxonomy  varchar(20) not null,
    slug      varchar(200) not null,
    target_id bigint not null,
    primary key (site_url, taxonomy, slug)
);
create index wordpress_term_slug on wordpress_term (taxonomy, slug);
