-- Where imported WordPress content came from, so re-runs update instead of duplicating and old links redirect.
create table wordpress_post (
    site_url varchar(500) not null,
    post_id bigint not null,
    article_id bigint not null references article (id) on delete cascade,
    content_hash varchar(64) not null,
    sticky boolean not null default false,
    imported_at timestamp with time zone not null,
    primary key (site_url, post_id)
);
create index wordpress_post_article on wordpress_post (article_id);
create index wordpress_post_id on wordpress_post (post_id);

-- Old WordPress paths (permalink, post slug) of an imported article, answered with a 301.
create table wordpress_path (
    path varchar(1000) not null primary key,
    article_id bigint not null references article (id) on delete cascade
);

-- Attachments already stored in the media library, so re-runs reuse them.
create table wordpress_media (
    site_url varchar(500) not null,
    upload_path varchar(1000) not null,
    media_id bigint not null,
    media_url varchar(1000) not null,
    primary key (site_url, upload_path)
);
