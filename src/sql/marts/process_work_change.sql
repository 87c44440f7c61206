-- one row per org_id ('all' = every organisation) and process ('all' = any process work): the first and last complete years of work compared (share of work orders, response or turnaround days), the one change every page states
-- A finding needs events: has_enough_events when the two years hold at least 5 work orders of the
-- process between them, has_enough_days when each year has at least 5 completed ones (findings respect n, docs/architecture.md: no
-- sentence from fewer than 5 events).
create or replace table marts.process_work_change as
with years as (
    select org_id, min(year) as first_year, max(year) as last_year
    from marts.process_work_yearly
    where is_complete_year
    group by org_id
    having min(year) < max(year)
)

select
    cast(y.org_id as varchar) as org_id,
    cast(f.process as varchar) as process,
    cast(f.label as varchar) as label,
    cast(f.clock as varchar) as clock,
    cast(y.first_year as integer) as first_year,
    cast(y.last_year as integer) as last_year,
    cast(f.work_orders as integer) as work_orders_first,
    cast(l.work_orders as integer) as work_orders_last,
    cast(f.share_of_work_orders as double) as share_first,
    cast(l.share_of_work_orders as double) as share_last,
    cast(f.share_of_hours as double) as hours_share_first,
    cast(l.share_of_hours as double) as hours_share_last,
    cast(f.completed_orders as integer) as completed_first,
    cast(l.completed_orders as integer) as completed_last,
    cast(f.median_days as double) as median_days_first,
    cast(l.median_days as double) as median_days_last,
    f.work_orders + l.work_orders >= 5 as has_enough_events,
    f.completed_orders >= 5 and l.completed_orders >= 5 as has_enough_days
from years as y
join marts.process_work_yearly as f on f.org_id = y.org_id and f.year = y.first_year
join marts.process_work_yearly as l on l.org_id = y.org_id and l.year = y.last_year and l.process = f.process
order by org_id, process;
