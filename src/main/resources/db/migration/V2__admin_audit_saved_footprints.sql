-- Admin actions over HTTP (issue 8). Saved footprints outlive imports: they are not keyed by
-- dataset and are served with every dataset (an imported footprint of the same id wins).
create table saved_footprint (
  id           text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name         text not null,
  description  text not null default '',
  source       text not null,
  area_m2      double precision not null,
  geom         geometry(MultiPolygon, 4326) not null,
  saved_at     timestamptz not null default now(),
  saved_by     text not null            -- remote address and token fingerprint, never the token
);

-- Every accepted admin action: who (remote address + first 8 hex of the token's sha256), when, what.
create table audit (
  id           bigserial primary key,
  at           timestamptz not null default now(),
  remote       text not null,
  token_fp     text not null,
  action       text not null,
  target       text,
  outcome      text not null
);
create index audit_at_ix on audit (at);
