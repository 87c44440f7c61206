-- one row per org_id ('all' = every organisation), domain and year with work orders: vendor and contract spend already in the work orders against what the same hours would cost in-house
-- From core.work_order_quarters (the work orders opened up to as_of), by the work order's competency domain and opening year.
-- vendor_spend_usd: vendor_cost of every work order (vendor and in-house work orders alike); parts are
-- not contract spend and are left out. vendor_cost_per_hour_usd: vendor_cost / labor_hours over vendor
-- work orders that record labour hours (vendor_hours_recorded > 0), the only ones with a price per hour.
-- in_house_cost_per_hour_usd: marts.fte_cost for the org, domain and year (cost of an FTE / productive
-- hours). in_house_cost_of_vendor_hours_usd: those vendor hours priced in-house; vendor_hours_fte: the
-- FTE they would take (hours / productive_hours_per_fte). The as_of year is year to date.
create or replace table marts.make_or_buy as
with settings as (
    select productive_hours_per_fte from meta.settings
),
work as (
    select
        case when grouping(w.org_id) = 1 then 'all' else w.org_id end as org_id,
        w.domain,
        w.year,
        sum(w.labor_hours) filter (where w.is_in_house) as in_house_hours,
        coalesce(sum(w.work_orders) filter (where not w.is_in_house), 0) as vendor_work_orders,
        sum(w.vendor_cost_usd) as vendor_spend_usd,
        coalesce(sum(w.work_orders) filter (where not w.is_in_house and w.has_hours), 0) as vendor_work_orders_with_hours,
        sum(w.labor_hours) filter (where not w.is_in_house and w.has_hours) as vendor_hours_recorded,
        sum(w.vendor_cost_usd) filter (where not w.is_in_house and w.has_hours) as vendor_cost_with_hours_usd
    -- work orders opened up to as_of, summed by quarter as decimals (null hours and costs count 0)
    from core.work_order_quarters w
    group by grouping sets ((w.org_id, w.domain, w.year), (w.domain, w.year))
)
select
    w.org_id,
    w.domain,
    cast(w.year as integer) as year,
    cast(coalesce(w.in_house_hours, 0) as double) as in_house_hours,
    cast(w.vendor_work_orders as integer) as vendor_work_orders,
    cast(w.vendor_spend_usd as double) as vendor_spend_usd,
    cast(w.vendor_work_orders_with_hours as integer) as vendor_work_orders_with_hours,
    cast(coalesce(w.vendor_hours_recorded, 0) as double) as vendor_hours_recorded,
    cast(w.vendor_cost_with_hours_usd / nullif(w.vendor_hours_recorded, 0) as double) as vendor_cost_per_hour_usd,
    cast(f.in_house_cost_per_hour_usd as double) as in_house_cost_per_hour_usd,
    -- the people behind the in-house rate (fte_cost's median; null when priced at the market figure)
    cast(f.n_paid as integer) as n_paid,
    f.cost_basis as in_house_cost_basis,
    cast(w.vendor_hours_recorded * f.in_house_cost_per_hour_usd as double) as in_house_cost_of_vendor_hours_usd,
    cast(coalesce(w.vendor_hours_recorded, 0) / s.productive_hours_per_fte as double) as vendor_hours_fte
from work w
cross join settings s
left join marts.fte_cost f on f.org_id = w.org_id and f.domain = w.domain and f.year = w.year
order by 1, 2, 3;
