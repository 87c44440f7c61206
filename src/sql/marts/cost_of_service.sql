-- one row per org_id ('all' = every organisation) and year with work orders: cost of service (in-house labor + vendor + parts) against the acquisition cost of the active inventory
-- Labor cost of an in-house work order = labor_hours x annual pay / 2080 x benefits_load, with the pay of
-- the technician's pay spell in force on the work date (completed_on, else opened_on). Hours without a
-- known technician pay are priced at the org's median annual pay that year of technical staff (generalist,
-- specialist, engineering employees in headcount at the year's snapshot date: core.staffed_spells), else the median
-- over all orgs that year, else left unpriced; the hours columns say how many hours were priced which way.
-- Privacy: own pay is used only when at least min_pay_group technicians (public: min_cell_public) are
-- priced so in the org-year, and a median only when it is over at least that many people.
-- Vendor and parts costs of every work order count. Denominator: acquisition cost of assets active at the
-- snapshot date (31 December, or as_of for the as_of year). The as_of year's cost is year to date, so
-- the ratio annualises it: cost / year_fraction / acquisition cost [AAMI: 3-7% typical in-house].
create or replace table marts.cost_of_service as
with settings as (
    select
        benefits_load,
        pay_rounding_usd,
        case when audience = 'public' then greatest(min_pay_group, min_cell_public) else min_pay_group end
            as min_group
    from meta.settings
),
technical_pay as (
    select s.year, p.org_id, ps.annual_pay_usd
    from core.year_snapshots s
    join core.staffed_spells p on p.start_on <= s.on_date and coalesce(p.end_on, date '9999-12-31') > s.on_date
    join core.pay_spells ps
        on ps.employee_id = p.employee_id
        and ps.hire_on = p.hire_on
        and ps.start_on <= s.on_date
        and coalesce(ps.end_on, date '9999-12-31') > s.on_date
    where p.role_family in ('generalist', 'specialist', 'engineering')
),
-- a median of fewer than min_group people would price hours at (nearly) one person's pay: not used; the
-- median is rounded to pay_rounding_usd before hours are priced at it, so the labour cost divided by the
-- published hours gives back no more than the rounded median
median_pay as (
    select
        case when grouping(t.org_id) = 1 then 'all' else t.org_id end as org_id,
        t.year,
        case
            when count(*) >= any_value(g.min_group)
                then round(median(t.annual_pay_usd) / any_value(g.pay_rounding_usd)) * any_value(g.pay_rounding_usd)
        end as annual_pay_usd
    from technical_pay t, settings g
    group by grouping sets ((t.org_id, t.year), (t.year))
),
work_days as (
    -- one row per org, year, provider, technician and work date: pay is looked up for thousands of
    -- technician-days instead of every work order; sums as decimals do not depend on thread order
    select
        w.org_id,
        w.year,
        w.is_in_house,
        w.technician_id,
        coalesce(w.completed_on, w.opened_on) as work_on,
        sum(cast(coalesce(w.labor_hours, 0) as decimal(18, 6))) as labor_hours,
        sum(cast(coalesce(w.vendor_cost_usd, 0) as decimal(18, 6))) as vendor_cost_usd,
        sum(cast(coalesce(w.parts_cost_usd, 0) as decimal(18, 6))) as parts_cost_usd
    from core.work_orders w
    where w.opened_on <= (select as_of from meta.as_of)
    group by all
),
work_pay as (
    select
        w.*,
        ps.annual_pay_usd
    from work_days w
    -- the spell in force on the work date (spells of one person never overlap, so at most one);
    -- coalesce, not "is null or": an or here turns the hash join into a nested loop
    left join core.pay_spells ps
        on ps.employee_id = w.technician_id
        and w.work_on >= ps.start_on
        and w.work_on < coalesce(ps.end_on, date '9999-12-31')
),
-- Labor cost priced at the technicians' own pay is a sum of their pay x hours: with fewer than
-- min_group of them it would disclose one person's pay (hours are published in the workload mart),
-- so such an org-year prices all its hours at the median instead.
own_pay_technicians as (
    select org_id, year, count(distinct technician_id) as technicians
    from work_pay
    where is_in_house and annual_pay_usd is not null and labor_hours > 0
    group by org_id, year
),
work_own as (
    select w.*, case when t.technicians >= g.min_group then w.annual_pay_usd end as own_pay_usd
    from work_pay w
    cross join settings g
    left join own_pay_technicians t on t.org_id = w.org_id and t.year = w.year
),
priced as (
    select
        w.org_id,
        w.year,
        -- money and hours as decimals: sums then do not depend on thread order (same input, same warehouse)
        case when w.is_in_house then w.labor_hours else 0 end as in_house_hours,
        case when w.is_in_house then coalesce(w.own_pay_usd, o.annual_pay_usd, x.annual_pay_usd) end as pay,
        case
            when not w.is_in_house or w.labor_hours = 0 then 'none'
            when w.own_pay_usd is not null then 'technician'
            when coalesce(o.annual_pay_usd, x.annual_pay_usd) is not null then 'median'
            else 'unpriced'
        end as priced_by,
        w.technician_id,
        w.vendor_cost_usd,
        w.parts_cost_usd
    from work_own w
    left join median_pay o on o.org_id = w.org_id and o.year = w.year
    left join median_pay x on x.org_id = 'all' and x.year = w.year
),
costs as (
    select
        case when grouping(p.org_id) = 1 then 'all' else p.org_id end as org_id,
        p.year,
        sum(p.in_house_hours) as in_house_hours,
        count(distinct p.technician_id) filter (where p.priced_by = 'technician') as technicians_at_own_pay,
        coalesce(sum(p.in_house_hours) filter (where p.priced_by = 'median'), 0) as hours_priced_at_median,
        coalesce(sum(p.in_house_hours) filter (where p.priced_by = 'unpriced'), 0) as hours_unpriced,
        coalesce(sum(cast(p.in_house_hours * p.pay / 2080 * s.benefits_load as decimal(38, 6)))
            filter (where p.priced_by in ('technician', 'median')), 0) as labor_cost_usd,
        sum(p.vendor_cost_usd) as vendor_cost_usd,
        sum(p.parts_cost_usd) as parts_cost_usd
    from priced p, settings s
    group by grouping sets ((p.org_id, p.year), (p.year))
)
select
    c.org_id,
    cast(c.year as integer) as year,
    cast(c.in_house_hours as double) as in_house_hours,
    cast(c.technicians_at_own_pay as integer) as technicians_at_own_pay,
    cast(c.hours_priced_at_median as double) as hours_priced_at_median,
    cast(c.hours_unpriced as double) as hours_unpriced,
    cast(c.labor_cost_usd as double) as labor_cost_usd,
    cast(c.vendor_cost_usd as double) as vendor_cost_usd,
    cast(c.parts_cost_usd as double) as parts_cost_usd,
    cast(c.labor_cost_usd + c.vendor_cost_usd + c.parts_cost_usd as double) as service_cost_usd,
    cast(coalesce(i.active_assets, 0) as integer) as active_assets,
    cast(coalesce(i.assets_without_cost, 0) as integer) as assets_without_cost,
    cast(i.acquisition_cost_usd as double) as acquisition_cost_usd,
    cast(s.year_fraction as double) as year_fraction,
    cast((c.labor_cost_usd + c.vendor_cost_usd + c.parts_cost_usd) / s.year_fraction
        / nullif(i.acquisition_cost_usd, 0) as double) as cost_of_service_ratio
from costs c
join core.year_snapshots s on s.year = c.year
left join core.asset_snapshots i on i.org_id = c.org_id and i.year = c.year
order by 1, 2;
