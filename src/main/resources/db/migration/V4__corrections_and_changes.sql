-- Issue 13: public corrections (reviewed before anything changes) and the change log of imports.

-- A correction suggested by the public (POST /api/corrections). Nothing here is served: an admin
-- accepts or rejects it, and `patrolmap corrections export` turns accepted ones into data/ rows.
create table correction (
  id                    text primary key check (id ~ '^c-[0-9a-f]{16}$'),
  received_at           timestamptz not null default now(),
  status                text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  area_id               text,
  agency_id             text,
  function              text not null check (function in ('patrol', 'dispatch', 'contract', 'contact')),
  problem               text not null,
  proposed              text,
  proposed_agency_id    text,
  proposed_arrangement  text check (proposed_arrangement in ('own_department', 'contract', 'cooperative')),
  source_url            text check (source_url ~* '^https?://'),
  source_title          text,
  effective_date        date,
  contact_email         text,
  location              geometry(Point, 4326),
  dataset_id            bigint,          -- the dataset served when it arrived (no foreign key: datasets are retired)
  client                text not null,   -- first 16 hex of the SHA-256 of the client address, never the address
  reviewed_at           timestamptz,
  reviewed_by           text,            -- remote address and admin token fingerprint
  review_note           text,
  check (area_id is not null or agency_id is not null),
  check ((status = 'pending') = (reviewed_at is null))
);
create index correction_status_ix on correction (status, received_at desc);

-- What each import changed compared with the dataset it replaced. Not keyed to dataset rows by a
-- foreign key: the feed outlives the datasets it describes (only the last two are kept).
create table dataset_change (
  id                   bigserial primary key,
  dataset_id           bigint not null,
  previous_dataset_id  bigint not null,
  imported_at          timestamptz not null default now(),
  subject              text not null check (subject in ('service', 'agency', 'contact', 'area')),
  kind                 text not null check (kind in ('added', 'ended', 'changed', 'removed', 'redrawn')),
  subject_id           text not null,
  area_id              text,
  area_name            text,
  agency_ids           text[] not null default '{}',
  function             text,
  effective            date,
  title                text not null,
  details              jsonb not null default '{}',
  sources              jsonb not null default '[]'
);
create index dataset_change_order_ix on dataset_change (dataset_id desc, id desc);
create index dataset_change_area_ix on dataset_change (area_id);
create index dataset_change_agency_ix on dataset_change using gin (agency_ids);
