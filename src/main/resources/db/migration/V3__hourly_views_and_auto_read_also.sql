-- Page views per article and hour, so that "popular" can look at the last day or week with
-- time decay. Counts are derived data; the daily table they replace held only test data.
drop table article_view;
create table article_view (
    article_id bigint not null references article (id) on delete cascade,
    view_hour  timestamp with time zone not null,
    views      bigint not null,
    primary key (article_id, view_hour)
);
create index article_view_hour on article_view (view_hour);

-- Editors may turn off the automatic inline "read also" promos per article.
alter table article add column auto_read_also boolean default true not null;
