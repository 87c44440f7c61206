-- one row per org_id ('all' = every organisation), year and process (every process in taxonomy.processes; 'all' = any process work): work orders and in-house hours of that process, their share of all work, and the days from opened to completed
-- Process work types (risk assessment, incident investigation, recall and alert response,
-- pre-purchase evaluation, incoming inspection) cut across domains, so the share is of all work
-- orders (and all in-house hours) of the org's year, whatever their domain. Years run from the
-- org's first to its last year with work orders up to as_of; a process with no work in a year is
-- a 0 row, not a missing one. Days are completed − opened, over completed orders only.
create or replace table marts.process_work_yearly as
with as_of as (
    select as_of from meta.as_of
),

totals_by_org as (
    select org_id, year, sum(work_orders) as work_orders,
        sum(case when is_in_house then labor_hours else 0 end) as in_house_hours
    from core.work_order_quarters
    group by all
),

totals as (
    select org_id, year, work_orders, in_house_hours from totals_by_org
    union all
    select 'all', year, sum(work_orders), sum(in_house_hours) from totals_by_org group by year
),

process_orders as (
    select w.org_id, w.year, w.process, w.is_in_house,
        cast(coalesce(w.labor_hours, 0) as decimal(18, 6)) as hours,
        date_diff('day', w.opened_on, w.completed_on) as days
    from core.work_orders as w
    where w.process is not null and w.opened_on <= (select as_of from as_of)
),

labelled as (
    select * from process_orders
    union all
    select * replace ('all' as process) from process_orders
),

both_levels as (
    select * from labelled
    union all
    select * replace ('all' as org_id) from labelled
),

stats as (
    select
        org_id, year, process,
        count(*) as work_orders,
        sum(case when is_in_house then hours else 0 end) as in_house_hours,
        count(days) as completed_orders,
        -- 'lower' quantiles: a day count that happened, not an average of two
        quantile_disc(days, 0.5) as median_days,
        quantile_disc(days, 0.75) as p75_days
    from both_levels
    group by all
),

processes as (
    select process, label, clock from taxonomy.processes
    union all
    select 'all', 'Any process work', 'days'
),

dense as (
    select t.org_id, t.year, p.process, p.label, p.clock, t.work_orders as all_work_orders,
        t.in_house_hours as all_in_house_hours
    from totals as t
    cross join processes as p
    -- without a processes.csv (an older taxonomy) there is no process and no row
    where exists (select 1 from taxonomy.processes)
)

select
    cast(d.org_id as varchar) as org_id,
    cast(d.year as integer) as year,
    cast(d.process as varchar) as process,
    cast(d.label as varchar) as label,
    cast(d.clock as varchar) as clock,
    cast(coalesce(s.work_orders, 0) as integer) as work_orders,
    cast(d.all_work_orders as integer) as all_work_orders,
    cast(coalesce(s.work_orders, 0) / nullif(d.all_work_orders, 0) as double) as share_of_work_orders,
    cast(coalesce(s.in_house_hours, 0) as double) as in_house_hours,
    cast(coalesce(s.in_house_hours, 0) / nullif(d.all_in_house_hours, 0) as double) as share_of_hours,
    cast(coalesce(s.completed_orders, 0) as integer) as completed_orders,
    cast(s.median_days as double) as median_days,
    cast(s.p75_days as double) as p75_days,
    make_date(d.year, 12, 31) <= a.as_of as is_complete_year
from dense as d
cross join as_of as a
left join stats as s on s.org_id = d.org_id and s.year = d.year and s.process = d.process
order by org_id, year, process;
