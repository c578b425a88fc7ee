-- The `patrol` layer (today) as PostGIS alone would build it: each area's patrol service in force
-- today, areas dissolved (ST_Union) per agency, unknown where none; one FeatureCollection.
with cur as (select dataset_id as ds from current_dataset),
role as (
  select distinct on (a.id) a.id as area_id, a.name as area_name, a.area_m2, a.geom,
         s.id as service_id, s.agency_id, s.arrangement, s.confidence
  from area a
  join cur on a.dataset_id = cur.ds
  left join service s on s.dataset_id = cur.ds and s.area_id = a.id and s.function = 'patrol'
       and (s.valid_from is null or s.valid_from <= current_date)
       and (s.valid_to is null or current_date < s.valid_to)
  order by a.id, s.valid_from nulls first
),
grp as (
  select coalesce(r.agency_id, 'unknown') as key, max(r.agency_id) as agency_id,
         array_agg(distinct r.arrangement) filter (where r.arrangement is not null) as arrangements,
         min(r.confidence) as confidence,
         array_agg(r.area_id order by r.area_id) as areas, array_agg(r.area_name order by r.area_id) as area_names,
         count(*) as area_count,
         (select count(distinct ss.source_id) from service_source ss, cur
           where ss.dataset_id = cur.ds and ss.service_id = any(array_agg(r.service_id))) as source_count,
         sum(r.area_m2) as m2, ST_Multi(ST_Union(r.geom)) as geom
  from role r
  group by 1
)
select json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
  'type', 'Feature', 'id', 'patrol-' || g.key,
  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g.geom), 6)::json,
  'properties', json_build_object(
    'status', case when g.agency_id is null then 'unknown' else 'known' end, 'function', 'patrol',
    'agency_id', g.agency_id, 'agency_name', coalesce(ag.name, 'Unknown'), 'agency_kind', ag.kind,
    'arrangements', coalesce(g.arrangements, '{}'), 'confidence', g.confidence,
    'areas', g.areas, 'area_names', g.area_names, 'area_count', g.area_count,
    'source_count', g.source_count, 'area_km2', round((g.m2 / 1e6)::numeric, 4),
    'date', current_date, 'dataset', (select ds from cur))) order by g.key))
from grp g
left join agency ag on ag.dataset_id = (select ds from cur) and ag.id = g.agency_id;
