-- When readers last saw the article change: its last editorial change (title, excerpt, body, lead
-- image, source label, section, tags, contributors) while published, else its publishing date; for
-- imported articles the source's modification date. Every published article has one, never
-- before its published_at. updated_at stays the newsroom's "last touched" (workflow moves, slug
-- changes, flags and imports all bump it) and the HTTP validators' clock.
alter table article add column modified_at timestamp with time zone;

-- Existing articles: the publishing date, or the newest save by a person after it (imports saved
-- their revisions as 'import' or 'wordpress-import' at import time, which readers never saw).
update article set modified_at = published_at where published_at is not null;
update article set modified_at = (
        select max(r.saved_at) from article_revision r
        where r.article_id = article.id and r.author not in ('import', 'wordpress-import'))
    where published_at is not null and exists (
        select 1 from article_revision r
        where r.article_id = article.id and r.author not in ('import', 'wordpress-import') and r.saved_at > article.published_at);

-- The feeds', sitemaps' and news sitemap's newest change reads the index's last entry.
create index article_modified on article (modified_at);
