-- Loading the input layers into the import's session (importer/derive/RawFeatures). Every value
-- is bound. Statements are named by their "-- name:" line.

-- name: create
create temp table raw_feature (layer text not null, idx int not null, attrs jsonb not null,
  geom geometry, repaired boolean not null default false) on commit drop

-- name: register-crs
-- A layer's .prj text as a temporary spatial_ref_sys entry (srid, srid, WKT), removed again below.
insert into spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) values (?, 'patrolmap', ?, ?, null)
on conflict (srid) do update set srtext = excluded.srtext

-- name: unregister-crs
delete from spatial_ref_sys where srid = ?

-- name: insert
-- (layer, index, attributes as JSON, WKB, SRID of the WKB): reprojected to EPSG:4326 while inserted.
insert into raw_feature (layer, idx, attrs, geom) values (?, ?, ?::jsonb, ST_Transform(ST_GeomFromWKB(?, ?), 4326))

-- name: repair
-- Invalid polygons meeting the two counties' envelope (counties layer, county GEOID, city GEOID).
with region as (
  select ST_Envelope(ST_Collect(geom)) as e from raw_feature
  where layer = ? and attrs->>'GEOID' in (?, ?))
update raw_feature f set geom = ST_CollectionExtract(ST_MakeValid(f.geom), 3), repaired = true
from region where f.geom && region.e and not ST_IsValid(f.geom)
returning f.layer

-- name: drop-empty
delete from raw_feature where ST_IsEmpty(geom) returning layer

-- name: insert-footprint
-- A named footprint from one feature of an input (dataset, id, name, description, source, layer, GEOID).
insert into footprint (dataset_id, id, name, description, source, area_m2, geom)
select ?, ?, ?, ?, ?, ST_Area(geom::geography), ST_Multi(geom)
from raw_feature where layer = ? and attrs->>'GEOID' = ?
