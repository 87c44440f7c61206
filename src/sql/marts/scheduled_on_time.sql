-- one row per org_id ('all' = every organisation), year due and domain ('all' = every domain) with work orders that carry a due_date: scheduled work due and the share completed by its due date
-- Work orders with a due_date (the optional work_orders column: scheduled maintenance) due on or before
-- as_of. on_time: completed on or before the due date; late: completed after it, or still open after it.
-- on_time_share = on_time / due_work_orders. An organisation whose work orders carry no due date has no
-- row: the measure is unavailable there, not 0%.
create or replace table marts.scheduled_on_time as
with scored as (
    select w.org_id, w.domain, cast(year(w.due_on) as integer) as year,
        coalesce(w.completed_on <= w.due_on, false) as on_time
    from core.work_orders as w
    where w.due_on is not null and w.due_on <= (select as_of from meta.as_of)
)
select
    case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
    year,
    case when grouping(domain) = 1 then 'all' else domain end as domain,
    cast(count(*) as integer) as due_work_orders,
    cast(count(*) filter (where on_time) as integer) as on_time,
    cast(count(*) filter (where not on_time) as integer) as late,
    cast(count(*) filter (where on_time) / count(*) as double) as on_time_share
from scored
group by grouping sets ((org_id, year, domain), (org_id, year), (year, domain), (year))
order by 1, 2, 3;
