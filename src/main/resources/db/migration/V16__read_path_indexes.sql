-- The read path's last-change lookups (max(updated_at)) behind every API answer, feed and sitemap
-- read the index's last entry instead of scanning every article; a contributor's article list
-- finds its rows by contributor (PostgreSQL does not index a foreign key by itself).
create index article_updated on article (updated_at);
create index article_contributor_contributor on article_contributor (contributor_id);
