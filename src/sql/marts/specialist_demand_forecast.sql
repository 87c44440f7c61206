-- one row per org_id ('all' = every organisation), domain ('all' = every domain) and quarter_start: demand FTE of the quarters the trend was fitted to (is_forecast false) and of forecast_quarters quarters after them with an 80% prediction interval (is_forecast true)
-- Forecast = intercept + slope * x at x = n + h; interval = forecast -/+ t(0.9, n - 2) * s * sqrt(1 + 1/n +
-- (x - mean x)^2 / Sxx), exactly R's predict(lm(y ~ x), newdata, interval = "prediction", level = 0.8).
-- Demand cannot be negative, so forecast and bounds below 0 are shown as 0.
create or replace table marts.specialist_demand_forecast as
with settings as (
    select productive_hours_per_fte as hours_per_fte, forecast_quarters from meta.settings
),
fitted as (
    select w.org_id, w.domain, w.quarter_start, w.hours * 4 / s.hours_per_fte as demand_fte
    from marts.workload_domain_quarterly w
    join marts.demand_trend t
        on t.org_id = w.org_id
        and t.domain = w.domain
        and w.quarter_start between t.first_quarter_start and t.last_quarter_start,
        settings s
),
ahead as (
    select t.*, unnest(range(1, s.forecast_quarters + 1)) as h
    from marts.demand_trend t, settings s
),
forecast as (
    select
        org_id,
        domain,
        cast(last_quarter_start + to_months(cast(3 * h as integer)) as date) as quarter_start,
        intercept_fte + slope_fte_per_quarter * (n_quarters + h) as demand_fte,
        t_80 * residual_se_fte
            * sqrt(1 + 1 / n_quarters + (n_quarters + h - x_mean) ^ 2 / sxx) as half_width
    from ahead
)
select org_id, quarter_start, domain, cast(demand_fte as double) as demand_fte,
    cast(null as double) as lower_80, cast(null as double) as upper_80, false as is_forecast
from fitted
union all
select org_id, quarter_start, domain,
    cast(greatest(demand_fte, 0) as double),
    cast(greatest(demand_fte - half_width, 0) as double),
    cast(greatest(demand_fte + half_width, 0) as double),
    true
from forecast
order by org_id, domain, quarter_start;
