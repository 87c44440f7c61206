-- one row per org_id ('all' = every organisation), domain and year with work orders: vendor and contract spend already in the work orders against what the same hours would cost in-house
-- From core.work_order_quarters (the work orders opened up to as_of), by the work order's competency domain and opening year.
-- vendor_spend_usd: vendor_cost of every work order (vendor and in-house work orders alike); parts are
-- not contract spend and are left out. vendor_cost_per_hour_usd: vendor_cost / labor_hours over vendor
-- work orders that record labour hours (vendor_hours_recorded > 0), the only ones with a price per hour.
-- in_house_cost_per_hour_usd: marts.fte_cost for the org, domain and year (cost of an FTE / productive
-- hours). in_house_cost_of_vendor_hours_usd: those vendor hours priced in-house; vendor_hours_fte: the
-- FTE they would take (hours / productive_hours_per_fte). The as_of year is year to date.
-- A price per vendor hour only where it means one: vendor_hours_share = vendor work orders recording hours /
-- vendor work orders; vendor_cost_per_hour_usd is given when that share is at least vendor_hours_min_share
-- (settings) and the rate is under $1,000 an hour (field service is priced in the low hundreds: a higher
-- figure means the hours recorded are a fraction of the work billed). Otherwise it is null,
-- vendor_cost_per_work_order_usd = vendor spend / vendor work orders is the price, and vendor_rate_note
-- says why ('few_hours', 'implausible_rate'); null note with vendor work orders: priced per hour.
-- (One text column, not a basis and a note: a text column a reader could group by would split the
-- organisations of a total into groups, and the disclosure audit rightly reads a total less its group.)
create or replace table marts.make_or_buy as
with settings as (
    select productive_hours_per_fte, vendor_hours_min_share from meta.settings
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
        sum(w.vendor_cost_usd) filter (where not w.is_in_house and w.has_hours) as vendor_cost_with_hours_usd,
        sum(w.vendor_cost_usd) filter (where not w.is_in_house) as vendor_cost_of_vendor_work_orders_usd
    -- work orders opened up to as_of, summed by quarter as decimals (null hours and costs count 0)
    from core.work_order_quarters w
    group by grouping sets ((w.org_id, w.domain, w.year), (w.domain, w.year))
),
rated as (
    select
        w.*,
        w.vendor_work_orders_with_hours / nullif(w.vendor_work_orders, 0) as vendor_hours_share,
        w.vendor_cost_with_hours_usd / nullif(w.vendor_hours_recorded, 0) as raw_rate,
        case
            when w.vendor_work_orders = 0 then null
            when w.vendor_work_orders_with_hours = 0
                or w.vendor_work_orders_with_hours / w.vendor_work_orders < s.vendor_hours_min_share then 'few_hours'
            when w.vendor_cost_with_hours_usd / nullif(w.vendor_hours_recorded, 0) >= 1000 then 'implausible_rate'
        end as vendor_rate_note
    from work w
    cross join settings s
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
    cast(case when w.vendor_work_orders > 0 and w.vendor_rate_note is null then w.raw_rate end as double) as vendor_cost_per_hour_usd,
    cast(f.in_house_cost_per_hour_usd as double) as in_house_cost_per_hour_usd,
    -- the people behind the in-house rate (fte_cost's median; null when priced at the market figure)
    cast(f.n_paid as integer) as n_paid,
    f.cost_basis as in_house_cost_basis,
    cast(w.vendor_hours_recorded * f.in_house_cost_per_hour_usd as double) as in_house_cost_of_vendor_hours_usd,
    cast(coalesce(w.vendor_hours_recorded, 0) / s.productive_hours_per_fte as double) as vendor_hours_fte,
    cast(w.vendor_hours_share as double) as vendor_hours_share,
    cast(w.vendor_cost_of_vendor_work_orders_usd / nullif(w.vendor_work_orders, 0) as double) as vendor_cost_per_work_order_usd,
    w.vendor_rate_note
from rated w
cross join settings s
left join marts.fte_cost f on f.org_id = w.org_id and f.domain = w.domain and f.year = w.year
order by 1, 2, 3;
