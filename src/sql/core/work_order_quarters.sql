-- one row per org_id, quarter opened, domain, provider and whether hours were booked, over the work orders opened up to as_of: their count, hours and costs
-- marts.make_or_buy and marts.workload_domain_quarterly read this small table rather than a million work
-- orders each (the domain of each work order is looked up once). Sums as decimals (null hours and costs
-- count 0): they add up exactly, in any order.
create or replace table core.work_order_quarters as
select
    w.org_id,
    w.quarter_start,
    w.year,
    w.domain,
    w.is_in_house,
    coalesce(w.labor_hours > 0, false) as has_hours,
    count(*) as work_orders,
    count(w.labor_hours) as work_orders_with_hours_recorded,
    sum(cast(coalesce(w.labor_hours, 0) as decimal(18, 6))) as labor_hours,
    sum(cast(coalesce(w.vendor_cost_usd, 0) as decimal(18, 6))) as vendor_cost_usd,
    sum(cast(coalesce(w.parts_cost_usd, 0) as decimal(18, 6))) as parts_cost_usd
from core.work_orders as w
where w.opened_on <= (select as_of from meta.as_of)
group by all;
