-- Featured articles (WordPress's "sticky" posts): the newest featured published article leads the
-- home page. Null: not featured.
alter table article add column featured_at timestamp with time zone;
create index article_featured on article (featured_at);
