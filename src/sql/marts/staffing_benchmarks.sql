-- one row per org_id ('all' = every organisation) at as_of: technical FTE per 100 staffed beds and devices per technical FTE, beside the published figures of reference.staffing_benchmarks with their sources
-- technical_fte, active_assets, devices_per_technical_fte: marts.inventory_load for the as_of year (technical
-- FTE: generalist, specialist and engineering families). fte_per_100_beds = technical FTE / staffed_beds x
-- 100 (core.orgs); for 'all', over the organisations that declare a positive number of staffed beds only.
create or replace table marts.staffing_benchmarks as
with as_of as (
    select as_of, cast(year(as_of) as integer) as year from meta.as_of
),
technical as (
    select p.org_id, sum(cast(p.fte as decimal(38, 9))) as technical_fte
    from core.staffed_spells p, as_of a
    where p.role_family in ('generalist', 'specialist', 'engineering')
        and p.start_on <= a.as_of and coalesce(p.end_on, date '9999-12-31') > a.as_of
    group by p.org_id
),
beds as (
    select o.org_id, o.staffed_beds, coalesce(t.technical_fte, 0) as technical_fte
    from core.orgs o
    left join technical t on t.org_id = o.org_id
    union all
    select 'all', sum(o.staffed_beds) filter (where o.staffed_beds > 0),
        sum(coalesce(t.technical_fte, 0)) filter (where o.staffed_beds > 0)
    from core.orgs o
    left join technical t on t.org_id = o.org_id
),
bench as (
    select
        max(typical) filter (where benchmark = 'fte_per_100_beds') as beds_typical,
        max(source) filter (where benchmark = 'fte_per_100_beds') as beds_source,
        max(typical) filter (where benchmark = 'devices_per_technical_fte') as devices_typical,
        max(source) filter (where benchmark = 'devices_per_technical_fte') as devices_source,
        max(low) filter (where benchmark = 'cost_of_service_ratio') as cosr_low,
        max(typical) filter (where benchmark = 'cost_of_service_ratio') as cosr_typical,
        max(high) filter (where benchmark = 'cost_of_service_ratio') as cosr_high,
        max(source) filter (where benchmark = 'cost_of_service_ratio') as cosr_source
    from reference.staffing_benchmarks
)
select
    b.org_id,
    a.as_of,
    cast(b.staffed_beds as integer) as staffed_beds,
    cast(b.technical_fte / nullif(b.staffed_beds, 0) * 100 as double) as fte_per_100_beds,
    cast(x.beds_typical as double) as fte_per_100_beds_benchmark,
    x.beds_source as fte_per_100_beds_source,
    cast(i.technical_fte as double) as technical_fte,
    cast(i.active_assets as integer) as active_assets,
    cast(i.assets_per_technical_fte as double) as devices_per_technical_fte,
    cast(x.devices_typical as double) as devices_per_technical_fte_benchmark,
    x.devices_source as devices_per_technical_fte_source,
    cast(x.cosr_low as double) as cost_of_service_ratio_low,
    cast(x.cosr_typical as double) as cost_of_service_ratio_typical,
    cast(x.cosr_high as double) as cost_of_service_ratio_high,
    x.cosr_source as cost_of_service_ratio_source
from beds b
cross join as_of a
cross join bench x
left join marts.inventory_load i on i.org_id = b.org_id and i.year = a.year
order by 1;
