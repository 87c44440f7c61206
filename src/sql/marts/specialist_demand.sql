-- one row per org_id ('all' = every organisation), year and domain ('all' = every domain): demand FTE from in-house hours, supply FTE of staff whose role's primary domain it is, the gap, and forecast years (is_forecast) with an 80% prediction interval
-- Actual years: demand_fte = in-house hours / (productive_hours_per_fte * year_fraction),
-- supply_fte = FTE-years of staffed spells (core.staffed_spells: employees, not contractors, counted from hire
-- up to but not including the termination date, as headcount is) whose role has that primary domain /
-- year_fraction, i.e. the average FTE over the elapsed part of the year; year_fraction < 1 only for the as_of year (elapsed days
-- / days in the year), so a part year is annualised rather than understated.
-- Actual years end with the year of the last quarter complete by as_of; later years are forecast years.
-- Forecast years: calendar years after the last actual year whose four quarters all lie in the quarterly forecast
-- (marts.specialist_demand_forecast). Yearly demand is the mean of the four quarterly forecasts (quarterly
-- demand FTE is already an annual rate); its interval is that of the mean of four new observations under the
-- same model: mean -/+ t(0.9, n - 2) * s * sqrt(1/4 + 1/n + (mean x of the four quarters - mean x)^2 / Sxx).
-- Forecast rows carry supply_fte = FTE in force at as_of (today's staff, held flat).
create or replace table marts.specialist_demand as
with settings as (
    select productive_hours_per_fte as hours_per_fte, forecast_quarters from meta.settings
),
as_of as (
    select
        as_of,
        -- a year is reported as actual when at least one of its quarters is complete by as_of, else it
        -- is a forecast year: an as_of on 2 January gives no one-day "year" annualised 365-fold
        year(cast(date_trunc('quarter', as_of + 1) - interval 3 month as date)) as last_actual_year
    from meta.as_of
),
periods as (
    select
        y.year,
        make_date(y.year, 1, 1) as period_start,
        least(make_date(y.year, 12, 31), a.as_of) as period_end,
        (least(make_date(y.year, 12, 31), a.as_of) - make_date(y.year, 1, 1) + 1)
            / (make_date(y.year + 1, 1, 1) - make_date(y.year, 1, 1)) as year_fraction
    from (select distinct year(month_start) as year from core.months) y, as_of a
    where y.year <= a.last_actual_year
),
-- quarterly hours are already summed (with 'all' rows) in marts.workload_domain_quarterly: one pass over
-- the work orders serves both marts
hours as (
    select org_id, year(quarter_start) as year, domain, sum(cast(hours as decimal(38, 6))) as hours
    from marts.workload_domain_quarterly
    group by all
),
spell_days as (
    select
        p.org_id,
        p.primary_domain as domain,
        y.year,
        -- decimals, so sums do not depend on thread order (same input, same warehouse)
        cast(p.fte * (least(coalesce(p.end_on, y.period_end + 1), y.period_end + 1) - greatest(p.start_on, y.period_start))
            as decimal(38, 9)) as fte_days
    from core.staffed_spells p
    join periods y on p.start_on <= y.period_end and coalesce(p.end_on, date '9999-12-31') > y.period_start
    where p.primary_domain is not null
),
supply as (
    select
        case when grouping(s.org_id) = 1 then 'all' else s.org_id end as org_id,
        s.year,
        case when grouping(s.domain) = 1 then 'all' else s.domain end as domain,
        sum(s.fte_days) / (any_value(y.period_end) - any_value(y.period_start) + 1) as supply_fte
    from spell_days s
    join periods y on y.year = s.year
    group by grouping sets ((s.org_id, s.year, s.domain), (s.year, s.domain), (s.org_id, s.year), (s.year))
),
actual as (
    select
        coalesce(h.org_id, s.org_id) as org_id,
        coalesce(h.year, s.year) as year,
        coalesce(h.domain, s.domain) as domain,
        -- an org-year with work orders but none in this domain has demand 0; one without any has no demand figure
        case when t.hours is not null then coalesce(h.hours, 0) end as in_house_hours,
        coalesce(s.supply_fte, 0) as supply_fte
    from hours h
    full join supply s on s.org_id = h.org_id and s.year = h.year and s.domain = h.domain
    left join hours t on t.org_id = coalesce(h.org_id, s.org_id) and t.year = coalesce(h.year, s.year) and t.domain = 'all'
),
supply_now as (
    select
        case when grouping(p.org_id) = 1 then 'all' else p.org_id end as org_id,
        case when grouping(p.primary_domain) = 1 then 'all' else p.primary_domain end as domain,
        sum(cast(p.fte as decimal(38, 9))) as supply_fte
    from core.staffed_spells p, as_of a
    where p.primary_domain is not null
        and p.start_on <= a.as_of and coalesce(p.end_on, date '9999-12-31') > a.as_of
    group by grouping sets ((p.org_id, p.primary_domain), (p.primary_domain), (p.org_id), ())
),
ahead as (
    select t.*, unnest(range(1, s.forecast_quarters + 1)) as h
    from marts.demand_trend t, settings s
),
forecast_quarters as (
    select
        org_id,
        domain,
        year(last_quarter_start + to_months(cast(3 * h as integer))) as year,
        n_quarters,
        n_quarters + h as x,
        intercept_fte + slope_fte_per_quarter * (n_quarters + h) as demand_fte,
        x_mean,
        sxx,
        residual_se_fte,
        t_80
    from ahead
),
forecast as (
    select
        org_id,
        domain,
        year,
        sum(cast(demand_fte as decimal(38, 12))) / 4 as demand_fte,
        any_value(t_80) * any_value(residual_se_fte)
            * sqrt(1 / 4 + 1 / any_value(n_quarters) + (avg(x) - any_value(x_mean)) ^ 2 / any_value(sxx)) as half_width
    from forecast_quarters
    group by org_id, domain, year
    having count(*) = 4
)
select
    a.org_id,
    cast(a.year as integer) as year,
    a.domain,
    cast(a.in_house_hours as double) as in_house_hours,
    cast(y.year_fraction as double) as year_fraction,
    cast(a.in_house_hours / (s.hours_per_fte * y.year_fraction) as double) as demand_fte,
    cast(a.supply_fte as double) as supply_fte,
    cast(a.in_house_hours / (s.hours_per_fte * y.year_fraction) - a.supply_fte as double) as gap_fte,
    false as is_forecast,
    cast(null as double) as lower_80,
    cast(null as double) as upper_80
from actual a
join periods y on y.year = a.year
cross join settings s
union all
select
    f.org_id,
    cast(f.year as integer),
    f.domain,
    cast(null as double),
    cast(null as double),
    cast(greatest(f.demand_fte, 0) as double),
    cast(coalesce(n.supply_fte, 0) as double),
    cast(greatest(f.demand_fte, 0) - coalesce(n.supply_fte, 0) as double),
    true,
    cast(greatest(f.demand_fte - f.half_width, 0) as double),
    cast(greatest(f.demand_fte + f.half_width, 0) as double)
from forecast f
cross join as_of a
left join supply_now n on n.org_id = f.org_id and n.domain = f.domain
where f.year > a.last_actual_year
order by 1, 2, 3;
