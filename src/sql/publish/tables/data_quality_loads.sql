-- one row per load of the last 10 (newest first): when, how long, status; the input folder only for an internal audience
create or replace table publish.data_quality_loads as
select
    load_id,
    strftime(started_at, '%Y-%m-%d %H:%M:%S') as started_at,
    round(epoch(finished_at) - epoch(started_at), 1) as duration_s,
    status,
    case when (select audience from work.settings) = 'internal' then input_dir end as input_dir
from warehouse.meta.load_runs
order by started_at desc
limit 10;
