-- one row per org_id ('all' = every organisation), month_end (complete months up to as_of) and domain ('all' = every domain): corrective work orders open at the month's end and how old they are
-- Corrective work orders: core.work_type_kinds kind 'corrective' (repairs), in-house and vendor alike. Open
-- at month end m: opened on or before m and not completed by m (completed_on after m, or never). age_days =
-- m - opened_on. open_over_30_days counts those open more than 30 days. opened / completed: corrective work
-- orders opened / completed in the month. An organisation-month with no open work order is a row with 0
-- (from the months it has corrective work orders at all).
create or replace table marts.cm_backlog as
with months as (
    select month_start, month_end from core.months where month_end <= (select as_of from meta.as_of)
),
corrective as (
    select w.org_id, w.domain, w.opened_on, w.completed_on
    from core.work_orders as w
    join core.work_type_kinds as k on k.work_type = w.work_type and k.kind = 'corrective'
    where w.opened_on <= (select as_of from meta.as_of)
),
open_rows as (
    -- each work order at every month end it is open at: from its opening month to the month it is
    -- completed in (a repair is open a few days, so a row or two per work order, not a join to every month)
    select c.org_id, c.domain, cast(last_day(s.m) as date) - c.opened_on as age_days, cast(last_day(s.m) as date) as month_end
    from corrective as c,
        unnest(generate_series(
            cast(date_trunc('month', c.opened_on) as date),
            cast(date_trunc('month', coalesce(c.completed_on, (select as_of from meta.as_of))) as date),
            interval 1 month
        )) as s(m)
    where c.completed_on is null or c.completed_on > last_day(s.m)
),
flows as (
    select org_id, domain, cast(last_day(opened_on) as date) as month_end, count(*) as opened, 0 as completed
    from corrective group by all
    union all
    select org_id, domain, cast(last_day(completed_on) as date), 0, count(*)
    from corrective where completed_on is not null group by all
),
grid as (
    -- every month from an organisation's first corrective work order on, for every domain it has
    select o.org_id, d.domain, m.month_end
    from (select org_id, min(opened_on) as first_on from corrective group by all) as o
    join (select distinct org_id, domain from corrective) as d on d.org_id = o.org_id
    join months as m on m.month_end >= o.first_on
),
cells as (
    select g.org_id, g.domain, g.month_end, r.age_days, cast(null as bigint) as opened, cast(null as bigint) as completed
    from grid as g
    left join open_rows as r on r.org_id = g.org_id and r.domain = g.domain and r.month_end = g.month_end
    union all
    select f.org_id, f.domain, f.month_end, null, f.opened, f.completed
    from flows as f
    join months as m on m.month_end = f.month_end
)
select
    case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
    month_end,
    case when grouping(domain) = 1 then 'all' else domain end as domain,
    cast(count(age_days) as integer) as open_work_orders,
    cast(count(age_days) filter (where age_days > 30) as integer) as open_over_30_days,
    cast(median(age_days) as double) as median_age_days,
    cast(max(age_days) as integer) as oldest_age_days,
    cast(coalesce(sum(opened), 0) as integer) as opened,
    cast(coalesce(sum(completed), 0) as integer) as completed
from cells
group by grouping sets ((org_id, month_end, domain), (org_id, month_end), (month_end, domain), (month_end))
order by 1, 2, 3;
