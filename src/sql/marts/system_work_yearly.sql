-- one row per org_id ('all' = every organisation), year and equipment system (taxonomy.system_rules: sterilizers, generators, nurse call, beds, RTLS, UPS, dental…): work orders, in-house hours and vendor orders
-- Years run from the org's first to its last year with work orders up to as_of; every system the
-- taxonomy names gets a row (0 when the org had no such work that year), so a system that joins
-- mid-period shows its zero years.
create or replace table marts.system_work_yearly as
with as_of as (
    select as_of from meta.as_of
),

by_org as (
    select w.org_id, w.year, w.system,
        count(*) as work_orders,
        sum(case when w.is_in_house then cast(coalesce(w.labor_hours, 0) as decimal(18, 6)) else 0 end) as in_house_hours,
        count(*) filter (where not w.is_in_house) as vendor_orders
    from core.work_orders as w
    where w.system is not null and w.opened_on <= (select as_of from as_of)
    group by all
),

counts as (
    select * from by_org
    union all
    select 'all', year, system, sum(work_orders), sum(in_house_hours), sum(vendor_orders) from by_org group by all
),

org_years as (
    select org_id, year from core.work_order_quarters group by all
    union
    select 'all', year from core.work_order_quarters group by all
),

systems as (
    select distinct system from taxonomy.system_rules
)

select
    cast(y.org_id as varchar) as org_id,
    cast(y.year as integer) as year,
    cast(s.system as varchar) as system,
    cast(coalesce(c.work_orders, 0) as integer) as work_orders,
    cast(coalesce(c.in_house_hours, 0) as double) as in_house_hours,
    cast(coalesce(c.vendor_orders, 0) as integer) as vendor_orders,
    make_date(y.year, 12, 31) <= a.as_of as is_complete_year
from org_years as y
cross join systems as s
cross join as_of as a
left join counts as c on c.org_id = y.org_id and c.year = y.year and c.system = s.system
order by org_id, year, system;
