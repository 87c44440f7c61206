-- one row per (year of the period, domain, is_networked): assets in service on 31 December (or period_end) and their acquisition cost
create or replace temp table contribution_inventory_yearly as
with snapshots as (
    select distinct cast(year(m.month_start) as integer) as year,
        least(make_date(year(m.month_start), 12, 31), s.period_end) as on_date
    from core.months as m, contribution_scope as s
    where m.month_end >= s.period_start and m.month_start <= s.period_end
)

select
    n.year,
    a.domain,
    coalesce(a.is_networked, false) as is_networked,
    cast(count(*) as integer) as assets,
    coalesce(sum(cast(a.acquisition_cost_usd as decimal(38, 6))), 0) as acquisition_cost_usd
from snapshots as n
join core.assets as a
    on a.in_service_on <= n.on_date and (a.retired_on is null or a.retired_on > n.on_date)
where a.org_id = (select org_id from contribution_scope)
group by all;
