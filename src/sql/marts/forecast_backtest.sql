-- one row per org_id ('all' = every organisation), domain ('all' = every domain) and complete year: what the specialist-demand forecast would have said for the year from the quarters before it, against the demand that happened
-- The forecast of marts.demand_trend / marts.specialist_demand re-run as of 31 December of the year before:
-- ordinary least squares of quarterly demand FTE (hours x 4 / productive_hours_per_fte) on x = 1..n over the
-- (up to) 12 quarters ending with the previous year's fourth quarter (at least 4), and the year's forecast
-- = the mean of its four quarters' predictions = intercept + slope x (n + 2.5), with the 80% prediction
-- interval of that mean: -/+ t(0.9, n - 2) x s x sqrt(1/4 + 1/n + (n + 2.5 - mean x)^2 / Sxx).
-- actual_fte: the year's demand, the mean of its four complete quarters (= its hours / productive hours).
-- error_fte = actual - forecast; within_80 whether actual fell inside the interval.
create or replace table marts.forecast_backtest as
with settings as (
    select productive_hours_per_fte as hours_per_fte from meta.settings
),
-- t quantile (0.9, df) from R: qt(0.9, 1:10); 12 quarters give at most 10 degrees of freedom
t_90 (df, t) as (
    values
        (1, 3.077683537175), (2, 1.885618083164), (3, 1.637744353696), (4, 1.533206274059),
        (5, 1.475884048824), (6, 1.439755747265), (7, 1.414923927651), (8, 1.396815309744),
        (9, 1.383028738397), (10, 1.372183641110)
),
quarters as (
    select w.org_id, w.domain, w.quarter_start, year(w.quarter_start) as year, w.is_complete_quarter,
        w.hours * 4 / s.hours_per_fte as demand_fte
    from marts.workload_domain_quarterly as w, settings as s
),
actual as (
    select org_id, domain, year, avg(demand_fte) as actual_fte
    from quarters
    group by all
    having count(*) filter (where is_complete_quarter) = 4
),
fit_window as (
    select a.org_id, a.domain, a.year, q.demand_fte,
        row_number() over (partition by a.org_id, a.domain, a.year order by q.quarter_start) as x
    from actual as a
    join quarters as q
        on q.org_id = a.org_id and q.domain = a.domain
        and q.quarter_start < make_date(cast(a.year as integer), 1, 1)
        and q.quarter_start >= make_date(cast(a.year as integer) - 3, 1, 1)
),
fit as (
    select org_id, domain, year,
        count(*) as n,
        regr_intercept(demand_fte, x) as intercept,
        regr_slope(demand_fte, x) as slope,
        avg(x) as x_mean,
        regr_sxx(demand_fte, x) as sxx,
        greatest(regr_syy(demand_fte, x) - regr_sxy(demand_fte, x) ^ 2 / regr_sxx(demand_fte, x), 0) as sse
    from fit_window
    group by all
    having count(*) >= 4
),
forecast as (
    select f.*,
        f.intercept + f.slope * (f.n + 2.5) as forecast_fte,
        t.t * sqrt(f.sse / (f.n - 2)) * sqrt(1 / 4 + 1 / f.n + (f.n + 2.5 - f.x_mean) ^ 2 / f.sxx) as half_width
    from fit as f
    join t_90 as t on t.df = f.n - 2
)
select
    f.org_id,
    f.domain,
    cast(f.year as integer) as year,
    cast(f.n as integer) as n_quarters,
    cast(greatest(f.forecast_fte, 0) as double) as forecast_fte,
    cast(greatest(f.forecast_fte - f.half_width, 0) as double) as lower_80,
    cast(greatest(f.forecast_fte + f.half_width, 0) as double) as upper_80,
    cast(a.actual_fte as double) as actual_fte,
    cast(a.actual_fte - greatest(f.forecast_fte, 0) as double) as error_fte,
    a.actual_fte between greatest(f.forecast_fte - f.half_width, 0) and greatest(f.forecast_fte + f.half_width, 0) as within_80
from forecast as f
join actual as a on a.org_id = f.org_id and a.domain = f.domain and a.year = f.year
order by 1, 2, 3;
