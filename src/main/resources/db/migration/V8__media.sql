-- The media library. Valid on H2 (PostgreSQL mode) and PostgreSQL.
-- Ids come from a sequence so that an image's files can be written (and moved into place) before its
-- row is inserted: a row never points at files that are not there.
create sequence media_item_seq;

create table media_item (
    id                bigint primary key,
    -- "2026/11/123-k3f9x2ab": the files are <file_base>-<width>.<file_ext> and <file_base>-original.<file_ext>
    file_base         varchar(200) not null,
    file_ext          varchar(10) not null,
    mime_type         varchar(50) not null,
    -- "320x180,640x360,1024x576,1600x900", narrowest first; the last one is the item's url
    renditions        varchar(500) not null,
    original_width    int not null,
    original_height   int not null,
    byte_size         bigint not null,
    alt               varchar(500),
    caption           varchar(1000),
    credit            varchar(200),
    original_filename varchar(255) not null,
    uploaded_by       varchar(100) not null,
    uploaded_at       timestamp with time zone not null
);
create index media_item_uploaded on media_item (uploaded_at);
