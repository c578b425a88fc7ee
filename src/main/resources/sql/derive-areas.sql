-- Area derivation (importer/derive/AreaBuilder), run in the import's transaction on the session's
-- raw_feature table (EPSG:4326, repaired). Every value is bound; layer names and GEOIDs come from
-- the manifest's "derive" section. Statements are named by their "-- name:" line.

-- name: region
-- The two counties: St. Louis County and St. Louis city (layer, county GEOID, city GEOID).
create temp table t_region on commit drop as
  select ST_Union(geom) as geom, count(*) as n from raw_feature
  where layer = ? and attrs->>'GEOID' in (?, ?)

-- name: region-count
select n from t_region

-- name: city
-- The independent City: its place clipped to the region (places layer, City place GEOID).
create temp table t_city on commit drop as
  select ST_Multi(ST_CollectionExtract(ST_Intersection(p.geom, r.geom), 3)) as geom
  from raw_feature p, t_region r where p.layer = ? and p.attrs->>'GEOID' = ?

-- name: city-count
select count(*) from t_city

-- name: county
create temp table t_county on commit drop as
  select ST_CollectionExtract(ST_Difference(r.geom, c.geom), 3) as geom from t_region r, t_city c

-- name: municipalities
-- Incorporated places (CLASSFP C*) other than the City, clipped to the County part (places layer, City GEOID).
create temp table t_muni on commit drop as
  select p.attrs->>'GEOID' as id, p.attrs->>'NAME' as name,
         ST_CollectionExtract(ST_Intersection(p.geom, k.geom), 3) as geom,
         ST_Area(p.geom::geography) as full_m2
  from raw_feature p, t_county k
  where p.layer = ? and p.attrs->>'CLASSFP' like 'C%' and p.attrs->>'GEOID' <> ?
    and ST_Intersects(p.geom, k.geom)

-- name: municipalities-exclude
-- Places touched only by generalised lines (min m², min share of the place).
delete from t_muni where ST_Area(geom::geography) < greatest(?, ? * full_m2)
returning name || ' (' || id || ', ' || round(ST_Area(geom::geography)) || ' m² inside)'

-- name: unincorporated
create temp table t_uninc on commit drop as
  select row_number() over (order by ST_Area(d.geom) desc, ST_XMin(d.geom)) as n, d.geom
  from t_county k, lateral ST_Dump(ST_Difference(k.geom, (select ST_Union(geom) from t_muni))) d

-- name: unincorporated-columns
alter table t_uninc add column area_m2 double precision, add column compactness double precision

-- name: unincorporated-measure
update t_uninc set area_m2 = ST_Area(geom::geography),
  compactness = 4 * pi() * ST_Area(geom::geography) / greatest(ST_Perimeter(geom::geography) ^ 2, 1e-9)

-- name: slivers
-- Parts smaller than the sliver size, or smaller than the thin size and thin (compactness below the limit).
create temp table t_sliver on commit drop as
  select n, geom, area_m2 from t_uninc where area_m2 < ? or (area_m2 < ? and compactness < ?)

-- name: sliver-totals
select count(*), coalesce(sum(area_m2), 0) from t_sliver

-- name: slivers-remove
delete from t_uninc where n in (select n from t_sliver)

-- name: insert-municipalities
-- (dataset, County GEOID, dataset, City place GEOID, City county GEOID)
insert into area (dataset_id, id, name, kind, county_geoid, localities, source, area_m2, geom)
select ?, id, name, 'municipality', ?, '{}'::text[], 'TIGER/Line 2019 place, clipped to St. Louis County', 0, ST_Multi(geom)
from t_muni
union all
select ?, ?, 'City of St. Louis', 'independent_city', ?, '{}'::text[], 'TIGER/Line 2019 place 2965000', 0, geom
from t_city

-- name: localities
-- CDPs (CLASSFP U*) overlapping an unincorporated part by at least 1 ha and 10 % of the CDP (places layer).
select u.n, p.attrs->>'NAME'
from t_uninc u join raw_feature p
  on p.layer = ? and p.attrs->>'CLASSFP' like 'U%' and ST_Intersects(u.geom, p.geom)
cross join lateral (select ST_Area(ST_Intersection(u.geom, p.geom)::geography) as ov,
                           ST_Area(p.geom::geography) as full_m2) m
where m.ov >= 10000 and m.ov >= 0.1 * m.full_m2
order by u.n, m.ov desc

-- name: neighbours
-- For each unincorporated part, the municipality sharing its longest boundary.
select u.n, nb.name from t_uninc u
cross join lateral (
  select m.name from t_muni m where ST_DWithin(u.geom, m.geom, 1e-6)
  order by ST_Length(ST_Intersection(ST_Boundary(u.geom), ST_Buffer(m.geom, 1e-6))) desc, m.id limit 1) nb

-- name: unincorporated-parts
select n from t_uninc order by n

-- name: insert-unincorporated
-- (dataset, id, name, County GEOID, localities, part number)
insert into area (dataset_id, id, name, kind, county_geoid, localities, source, area_m2, geom)
select ?, ?, ?, 'unincorporated', ?, ?::text[], 'St. Louis County minus municipalities (derived)', 0, ST_Multi(geom)
from t_uninc where n = ?

-- name: merge-slivers
-- Each sliver joins the area sharing its longest boundary (dataset, dataset).
with nb as (
  select distinct on (s.n) s.n, a.id, s.geom
  from t_sliver s join area a on a.dataset_id = ? and ST_DWithin(s.geom, a.geom, 1e-6)
  cross join lateral (select ST_Length(ST_Intersection(ST_Boundary(s.geom), ST_Buffer(a.geom, 1e-6))) as shared) m
  where m.shared > 0
  order by s.n, m.shared desc, a.id
), grouped as (
  select id, ST_Union(geom) as g, count(*) as k from nb group by id
)
update area a set geom = ST_Multi(ST_CollectionExtract(ST_Union(a.geom, grouped.g), 3))
from grouped where a.dataset_id = ? and a.id = grouped.id
returning grouped.k

-- name: area-sizes
update area set area_m2 = ST_Area(geom::geography) where dataset_id = ?

-- name: count-kind
select count(*) from area where dataset_id = ? and kind = ?

-- name: coverage
-- Total overlap between areas, and the part of the region no area covers (dataset, dataset).
select
  (select coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
     from area a join area b on b.dataset_id = a.dataset_id and a.id < b.id and a.geom && b.geom
     where a.dataset_id = ? and ST_Overlaps(a.geom, b.geom)),
  (select ST_Area(ST_Difference(r.geom, (select ST_Union(geom) from area where dataset_id = ?))::geography)
     from t_region r)
