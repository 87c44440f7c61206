-- one row per org_id ('all' = every organisation), quarter_start and domain ('all' = every domain): in-house labor hours and their share of the quarter
-- Quarters run from the org's first to its last quarter with in-house hours up to as_of; a domain the org
-- ever worked in gets 0 hours (not a missing row) in quarters without it, so trends and shares are honest.
create or replace table marts.workload_domain_quarterly as
with as_of as (
    select as_of from meta.as_of
),
by_org as (
    -- decimal sums (core.work_order_quarters: work orders opened up to as_of): a double sum over threads
    -- differs in the last bits from run to run, and loading the same input twice must give the same warehouse
    select w.org_id, w.quarter_start, w.domain, sum(w.labor_hours) as hours
    from core.work_order_quarters w
    where w.is_in_house and w.work_orders_with_hours_recorded > 0
    group by all
),
-- totals from the small per-org table, not a second pass over the work orders
hours as (
    select org_id, quarter_start, domain, hours from by_org
    union all
    select 'all', quarter_start, domain, sum(hours) from by_org group by all
),
quarters as (
    select org_id, cast(unnest(generate_series(min(quarter_start), max(quarter_start), interval 3 month)) as date) as quarter_start
    from hours
    group by org_id
),
domains as (
    select distinct org_id, domain from hours
),
dense as (
    select q.org_id, q.quarter_start, d.domain, coalesce(h.hours, 0) as hours
    from quarters q
    join domains d on d.org_id = q.org_id
    left join hours h on h.org_id = q.org_id and h.quarter_start = q.quarter_start and h.domain = d.domain
),
with_total as (
    select org_id, quarter_start, domain, hours from dense
    union all
    select org_id, quarter_start, 'all', sum(hours) from dense group by org_id, quarter_start
)
select
    t.org_id,
    t.quarter_start,
    t.domain,
    cast(t.hours as double) as hours,
    -- the one workload formula, shared with the society's pooled workload (src/sql/macros/workload_share.sql)
    workload_share(t.hours, sum(t.hours) filter (where t.domain = 'all') over (partition by t.org_id, t.quarter_start)) as share,
    (t.quarter_start + interval 3 month - interval 1 day) <= a.as_of as is_complete_quarter
from with_total t, as_of a
order by t.org_id, t.quarter_start, t.domain;
