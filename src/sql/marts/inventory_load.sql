-- one row per org_id ('all' = every organisation) and year with active assets: active assets per technical FTE and the networked share of the inventory at the year's snapshot date
-- Snapshot date: 31 December, or as_of for the as_of year. Active: in_service_on <= d and not retired by d
-- (retired_on > d or null). Technical FTE: fte of staffed spells (employees, not contractors, not on their
-- termination date: the headcount of marts.headcount_monthly) in force at d in the generalist, specialist and engineering families (leadership, unmapped and unknown titles
-- excluded). networked_share: networked assets / active assets whose networked flag is known;
-- not_networked_assets: active assets not flagged networked (flag false or unknown).
-- Rule of thumb: about 1,000 devices per BMET.
create or replace table marts.inventory_load as
select
    a.org_id,
    cast(a.year as integer) as year,
    a.on_date as snapshot_on,
    cast(a.active_assets as integer) as active_assets,
    cast(coalesce(t.technical_fte, 0) as double) as technical_fte,
    cast(a.active_assets / nullif(t.technical_fte, 0) as double) as assets_per_technical_fte,
    cast(a.networked_assets as integer) as networked_assets,
    -- the rest of the active inventory (not networked, or the flag unknown): the second bar of the chart
    cast(a.active_assets - a.networked_assets as integer) as not_networked_assets,
    cast(a.networked_assets / nullif(a.assets_with_networked_flag, 0) as double) as networked_share
from core.asset_snapshots a
left join core.technical_fte_snapshots t on t.org_id = a.org_id and t.year = a.year
order by 1, 2;
