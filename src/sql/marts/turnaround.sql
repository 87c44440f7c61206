-- one row per org_id ('all' = every organisation), year completed and domain ('all' = every domain): how long corrective work orders took from opening to completion
-- Corrective work orders (core.work_type_kinds 'corrective', in-house and vendor) completed in the year, up
-- to as_of. days = completed_on - opened_on (0 = the same day). median_days and p90_days: the median and the
-- 90th percentile (continuous) of days; in_house_median_days over in-house work orders only.
create or replace table marts.turnaround as
with done as (
    select w.org_id, w.domain, cast(year(w.completed_on) as integer) as year, w.is_in_house,
        w.completed_on - w.opened_on as days
    from core.work_orders as w
    join core.work_type_kinds as k on k.work_type = w.work_type and k.kind = 'corrective'
    where w.completed_on is not null and w.completed_on <= (select as_of from meta.as_of)
)
select
    case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
    year,
    case when grouping(domain) = 1 then 'all' else domain end as domain,
    cast(count(*) as integer) as completed_work_orders,
    cast(median(days) as double) as median_days,
    cast(quantile_cont(days, 0.9) as double) as p90_days,
    cast(median(days) filter (where is_in_house) as double) as in_house_median_days
from done
group by grouping sets ((org_id, year, domain), (org_id, year), (year, domain), (year))
order by 1, 2, 3;
