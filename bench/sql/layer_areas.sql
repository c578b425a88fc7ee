-- The `areas` layer as PostGIS alone would build it: one RFC 7946 FeatureCollection, feature id at
-- the top level, the same properties as /api/layers/areas, 6 decimals, CCW outer rings.
select json_build_object('type', 'FeatureCollection', 'features', json_agg(f order by id))
from (
  select a.id, json_build_object(
    'type', 'Feature', 'id', a.id,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(a.geom), 6)::json,
    'properties', json_build_object(
      'id', a.id, 'name', a.name, 'kind', a.kind,
      'county', case when a.county_geoid = '29510' then 'St. Louis city' else 'St. Louis County' end,
      'county_geoid', a.county_geoid, 'localities', a.localities,
      'area_km2', round((a.area_m2 / 1e6)::numeric, 4), 'boundary_source', a.source,
      'dataset', a.dataset_id)) f
  from area a
  where a.dataset_id = (select dataset_id from current_dataset)
) t;
