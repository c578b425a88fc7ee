-- The PostGIS baseline of the attribution benchmark (bench/attribute.sh): the same points and dates
-- COPYed in, joined to the areas (ST_Covers, GiST) and to the services in force on each row's date
-- (patrol, dispatch, contracts, agency names), written out with COPY TO. It does not compute the
-- near-boundary flag (patrolmap does: a 50 m neighbour search per row), so it does less work.
\set ON_ERROR_STOP on
set client_min_messages = warning;
-- CPU time of this backend (utime + stime, clock ticks) before and after, when the server is local
select pg_backend_pid() as backend \gset
\setenv PM_BACKEND :backend
\! awk '{print $14 + $15}' /proc/$PM_BACKEND/stat > "${PM_CPU_FILE:-/dev/null}.start" 2>/dev/null || true
drop table if exists bench_attr_point;
create unlogged table bench_attr_point (case_id text, lon float8, lat float8, incident_date date);
\copy bench_attr_point from pstdin with (format csv, header true)
\copy (with ds as (select dataset_id from current_dataset) select p.*, a.id as area_id, a.name as area_name, a.kind as area_kind, ps.agency_id as patrol_agency_id, pag.name as patrol_agency, ps.arrangement as patrol_arrangement, ps.confidence as patrol_confidence, dsv.agency_id as dispatch_agency_id, dag.name as dispatch_agency, (select string_agg(c.function || ': ' || cag.name, '; ' order by c.function, c.valid_from) from service c join agency cag on cag.dataset_id = c.dataset_id and cag.id = c.agency_id where c.dataset_id = a.dataset_id and c.area_id = a.id and c.arrangement = 'contract' and (c.valid_from is null or c.valid_from <= p.incident_date) and (c.valid_to is null or p.incident_date < c.valid_to)) as contracts from bench_attr_point p left join area a on a.dataset_id = (select dataset_id from ds) and ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) left join service ps on ps.dataset_id = a.dataset_id and ps.area_id = a.id and ps.function = 'patrol' and (ps.valid_from is null or ps.valid_from <= p.incident_date) and (ps.valid_to is null or p.incident_date < ps.valid_to) left join agency pag on pag.dataset_id = ps.dataset_id and pag.id = ps.agency_id left join service dsv on dsv.dataset_id = a.dataset_id and dsv.area_id = a.id and dsv.function = 'dispatch' and (dsv.valid_from is null or dsv.valid_from <= p.incident_date) and (dsv.valid_to is null or p.incident_date < dsv.valid_to) left join agency dag on dag.dataset_id = dsv.dataset_id and dag.id = dsv.agency_id) to pstdout with (format csv, header true)
drop table bench_attr_point;
\! awk '{print $14 + $15}' /proc/$PM_BACKEND/stat > "${PM_CPU_FILE:-/dev/null}.end" 2>/dev/null || true
