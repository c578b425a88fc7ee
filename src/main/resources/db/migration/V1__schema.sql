-- patrolmap schema. Every data table is keyed by dataset_id: an import writes a whole new dataset
-- (the staging copy), validates it, then swaps the single row of current_dataset in one
-- transaction. Readers only ever read the current dataset, so they never see a half-loaded one.
create extension if not exists postgis;

create table dataset (
  id           bigserial primary key,
  started_at   timestamptz not null default now(),
  finished_at  timestamptz,
  status       text not null default 'loading' check (status in ('loading', 'ready', 'failed', 'retired')),
  inputs       jsonb not null default '[]',   -- [{name, file, sha256, vintage, licence}]
  counts       jsonb not null default '{}',
  qa           jsonb not null default '{}',
  message      text
);

create table current_dataset (
  singleton   boolean primary key default true check (singleton),
  dataset_id  bigint not null references dataset (id),
  swapped_at  timestamptz not null default now()
);

create table area (
  dataset_id    bigint not null references dataset (id) on delete cascade,
  id            text not null,
  name          text not null,
  kind          text not null check (kind in ('municipality', 'unincorporated', 'independent_city')),
  county_geoid  text not null,
  localities    text[] not null default '{}',
  source        text not null,
  area_m2       double precision not null,
  geom          geometry(MultiPolygon, 4326) not null,
  primary key (dataset_id, id)
);
create index area_geom_gix on area using gist (geom);

create table agency (
  dataset_id          bigint not null references dataset (id) on delete cascade,
  id                  text not null,
  name                text not null,
  kind                text not null,
  phone               text,
  address             text,
  website             text,
  accreditation       text,
  accreditation_date  text,
  note                text,
  primary key (dataset_id, id)
);

create table source (
  dataset_id  bigint not null references dataset (id) on delete cascade,
  id          text not null,
  title       text not null,
  publisher   text,
  url         text,
  date        text,
  note        text,
  primary key (dataset_id, id)
);

create table service (
  dataset_id   bigint not null references dataset (id) on delete cascade,
  id           text not null,
  area_id      text not null,
  function     text not null check (function in ('patrol', 'dispatch', 'records')),
  agency_id    text not null,
  arrangement  text not null check (arrangement in ('own_department', 'contract', 'cooperative', 'county_default')),
  valid_from   date,
  valid_to     date,
  confidence   text not null check (confidence in ('high', 'medium', 'low')),
  note         text,
  origin       text not null default 'fact',  -- 'fact' (data/services.csv) or 'rule' (data/rules.csv)
  primary key (dataset_id, id),
  foreign key (dataset_id, area_id) references area (dataset_id, id),
  foreign key (dataset_id, agency_id) references agency (dataset_id, id),
  check (valid_to is null or valid_from is null or valid_from < valid_to)
);
create index service_area_ix on service (dataset_id, area_id, function);

create table service_source (
  dataset_id  bigint not null references dataset (id) on delete cascade,
  service_id  text not null,
  source_id   text not null,
  primary key (dataset_id, service_id, source_id),
  foreign key (dataset_id, service_id) references service (dataset_id, id),
  foreign key (dataset_id, source_id) references source (dataset_id, id)
);

create table agency_source (
  dataset_id  bigint not null references dataset (id) on delete cascade,
  agency_id   text not null,
  source_id   text not null,
  primary key (dataset_id, agency_id, source_id)
);

-- Rules from the sources, e.g. "unincorporated County is patrolled by SLCPD" or the County
-- ordinance attached to unknown answers. agency_id null for a rule that names no provider.
create table rule (
  dataset_id   bigint not null references dataset (id) on delete cascade,
  id           text not null,
  applies_to   text not null check (applies_to in ('unincorporated', 'no_patrol_provider', 'no_dispatch_provider')),
  function     text not null,
  agency_id    text,
  arrangement  text,
  confidence   text,
  note         text not null,
  source_ids   text[] not null,
  primary key (dataset_id, id)
);

create table footprint (
  dataset_id   bigint not null references dataset (id) on delete cascade,
  id           text not null,
  name         text not null,
  description  text not null,
  source       text not null,
  area_m2      double precision not null,
  geom         geometry(MultiPolygon, 4326) not null,
  primary key (dataset_id, id)
);
create index footprint_geom_gix on footprint using gist (geom);
