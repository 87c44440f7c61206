-- one row per org_id ('all' = every organisation) and year with active assets: the inventory in service at the year's snapshot date
-- Active: in_service_on <= d and not retired by d (retired_on > d or null). Read by marts.inventory_load and
-- marts.cost_of_service, so the range join of every asset with every snapshot date runs once.
create or replace table core.asset_snapshots as
select
    case when grouping(x.org_id) = 1 then 'all' else x.org_id end as org_id,
    s.year,
    any_value(s.on_date) as on_date,
    count(*) as active_assets,
    count(*) filter (where x.is_networked) as networked_assets,
    count(x.is_networked) as assets_with_networked_flag,
    count(*) filter (where x.acquisition_cost_usd is null) as assets_without_cost,
    -- decimals: the total does not depend on thread order
    sum(cast(x.acquisition_cost_usd as decimal(38, 6))) as acquisition_cost_usd
from core.year_snapshots as s
join core.assets as x on x.in_service_on <= s.on_date and coalesce(x.retired_on, date '9999-12-31') > s.on_date
group by grouping sets ((x.org_id, s.year), (s.year));
