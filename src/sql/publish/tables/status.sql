-- one row: what the publication was built from (as_of, history_start, the latest load) and for whom
create or replace table publish.status as
select
    strftime((select as_of from warehouse.meta.as_of), '%Y-%m-%d') as as_of,
    strftime((select history_start from warehouse.meta.history_start), '%Y-%m-%d') as history_start,
    strftime(s.published_on, '%Y-%m-%d') as published_on,
    s.audience,
    (select count(*) from warehouse.core.orgs)::integer as organisations,
    l.load_id,
    strftime(l.started_at, '%Y-%m-%dT%H:%M:%S') as load_started_at,
    strftime(l.finished_at, '%Y-%m-%dT%H:%M:%S') as load_finished_at,
    l.status as load_status
from work.settings s
left join (select * from warehouse.meta.load_runs order by started_at desc limit 1) l on true;
