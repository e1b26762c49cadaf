-- Spring Modulith's event publication registry: an event whose listener has not finished (the
-- search index, caches) is delivered again after a crash or restart.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       varchar(4000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
-- Completing a publication looks it up by listener and event: index both, so that concurrent
-- listeners never scan (and wait on) each other's rows.
create index event_publication_by_listener_and_event on event_publication (listener_id, serialized_event);
create index event_publication_by_completion_date on event_publication (completion_date);
