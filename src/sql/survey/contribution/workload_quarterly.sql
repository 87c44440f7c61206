-- one row per (quarter, domain) with work orders opened in the period: in-house labor hours (as marts.workload_domain_quarterly sums them) and vendor and parts cost of every work order
create or replace temp table contribution_workload_quarterly as
select
    w.quarter_start,
    cast(year(w.quarter_start) as integer) as year,
    w.domain,
    -- decimals: sums that pool exactly, in any order, on any engine
    coalesce(sum(cast(w.labor_hours as decimal(38, 6))) filter (where w.is_in_house), 0) as hours,
    coalesce(sum(cast(w.vendor_cost_usd as decimal(38, 6))), 0) as vendor_cost_usd,
    coalesce(sum(cast(w.parts_cost_usd as decimal(38, 6))), 0) as parts_cost_usd
from core.work_orders as w, contribution_scope as s
where w.org_id = s.org_id
    and w.opened_on >= s.period_start
    and w.opened_on <= s.period_end
group by all;
