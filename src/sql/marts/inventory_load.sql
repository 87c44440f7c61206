-- one row per org_id ('all' = every organisation) and year with active assets: active assets per technical FTE and the networked share of the inventory at the year's snapshot date
-- Snapshot date: 31 December, or as_of for the as_of year. Active: in_service_on <= d and not retired by d
-- (retired_on > d or null). Technical FTE: fte of staffed spells (employees, not contractors, not on their
-- termination date: the headcount of marts.headcount_monthly) in force at d in the generalist, specialist and engineering families (leadership, unmapped and unknown titles
-- excluded). networked_share: networked assets / active assets whose networked flag is known.
-- Rule of thumb: about 1,000 devices per BMET.
create or replace table marts.inventory_load as
with as_of as (
    select as_of from meta.as_of
),
snapshots as (
    select y.year, least(make_date(y.year, 12, 31), a.as_of) as on_date
    from (select distinct year(month_start) as year from core.months) y, as_of a
    where make_date(y.year, 1, 1) <= a.as_of
),
active as (
    select
        case when grouping(x.org_id) = 1 then 'all' else x.org_id end as org_id,
        s.year,
        any_value(s.on_date) as on_date,
        count(*) as active_assets,
        count(*) filter (where x.is_networked) as networked_assets,
        count(x.is_networked) as assets_with_networked_flag
    from snapshots s
    join core.assets x on x.in_service_on <= s.on_date and coalesce(x.retired_on, date '9999-12-31') > s.on_date
    group by grouping sets ((x.org_id, s.year), (s.year))
),
technical as (
    select
        case when grouping(p.org_id) = 1 then 'all' else p.org_id end as org_id,
        s.year,
        sum(cast(p.fte as decimal(38, 9))) as technical_fte
    from snapshots s
    join core.staffed_spells p on p.start_on <= s.on_date and coalesce(p.end_on, date '9999-12-31') > s.on_date
    where p.role_family in ('generalist', 'specialist', 'engineering')
    group by grouping sets ((p.org_id, s.year), (s.year))
)
select
    a.org_id,
    cast(a.year as integer) as year,
    a.on_date as snapshot_on,
    cast(a.active_assets as integer) as active_assets,
    cast(coalesce(t.technical_fte, 0) as double) as technical_fte,
    cast(a.active_assets / nullif(t.technical_fte, 0) as double) as assets_per_technical_fte,
    cast(a.networked_assets as integer) as networked_assets,
    cast(a.networked_assets / nullif(a.assets_with_networked_flag, 0) as double) as networked_share
from active a
left join technical t on t.org_id = a.org_id and t.year = a.year
order by 1, 2;
