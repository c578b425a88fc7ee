-- Contacts as dated, cited facts (issue 12): phone numbers of a kind, addresses, web sites and
-- accreditations of an agency, each valid over [valid_from, valid_to) and citing >= 1 source, so a
-- changed number is history, not an overwrite. Keyed by dataset like every fact table.
create table contact (
  dataset_id  bigint not null references dataset (id) on delete cascade,
  id          text not null,
  agency_id   text not null,
  kind        text not null check (kind in ('non_emergency', 'station', 'dispatch', 'city_hall',
                                            'records', 'address', 'website', 'accreditation')),
  value       text not null,
  valid_from  date,
  valid_to    date,
  confidence  text not null check (confidence in ('high', 'medium', 'low')),
  as_printed  text,
  note        text,
  primary key (dataset_id, id),
  foreign key (dataset_id, agency_id) references agency (dataset_id, id),
  check (valid_to is null or valid_from is null or valid_from < valid_to)
);
create index contact_agency_ix on contact (dataset_id, agency_id);

create table contact_source (
  dataset_id  bigint not null references dataset (id) on delete cascade,
  contact_id  text not null,
  source_id   text not null,
  ord         int not null,
  primary key (dataset_id, contact_id, source_id),
  foreign key (dataset_id, contact_id) references contact (dataset_id, id),
  foreign key (dataset_id, source_id) references source (dataset_id, id)
);

-- A rule may now follow a St. Louis County Police patrol contract (answers "by rule").
alter table rule drop constraint rule_applies_to_check;
alter table rule add constraint rule_applies_to_check check (applies_to in
  ('unincorporated', 'county_patrol_contract', 'no_patrol_provider', 'no_dispatch_provider'));
