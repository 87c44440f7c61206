-- one row per org_id ('all' = every organisation) and domain ('all' = every domain): the straight line fitted to the last 12 complete quarters of demand FTE, the model behind the specialist demand forecast
-- Ordinary least squares of quarterly demand FTE (hours x 4 / productive_hours_per_fte) on the quarter
-- index x = 1..n (oldest to newest) over the last <= 12 complete quarters the org has (quarters as in
-- marts.workload_domain_quarterly, zeros included). Needs at least 4 quarters (2 residual degrees of
-- freedom); shorter series get no row and no forecast. Same model as R lm(y ~ x).
create or replace table marts.demand_trend as
with settings as (
    select productive_hours_per_fte as hours_per_fte from meta.settings
),
-- t quantile (0.9, df) for the two-sided 80% prediction interval, from R: qt(0.9, 1:60).
-- n <= 12 quarters means df <= 10; the table goes to 60 so a longer window stays covered.
t_90 (df, t) as (
    values
        (1, 3.077683537175),
        (2, 1.885618083164),
        (3, 1.637744353696),
        (4, 1.533206274059),
        (5, 1.475884048824),
        (6, 1.439755747265),
        (7, 1.414923927651),
        (8, 1.396815309744),
        (9, 1.383028738397),
        (10, 1.372183641110),
        (11, 1.363430318021),
        (12, 1.356217334023),
        (13, 1.350171288780),
        (14, 1.345030374455),
        (15, 1.340605607850),
        (16, 1.336757167327),
        (17, 1.333379389722),
        (18, 1.330390943570),
        (19, 1.327728209027),
        (20, 1.325340706985),
        (21, 1.323187873865),
        (22, 1.321236741613),
        (23, 1.319460239816),
        (24, 1.317835933673),
        (25, 1.316345072674),
        (26, 1.314971864271),
        (27, 1.313702912829),
        (28, 1.312526781593),
        (29, 1.311433647302),
        (30, 1.310415025391),
        (31, 1.309463549495),
        (32, 1.308572793130),
        (33, 1.307737124451),
        (34, 1.306951587126),
        (35, 1.306211802016),
        (36, 1.305513885536),
        (37, 1.304854381498),
        (38, 1.304230203891),
        (39, 1.303638588621),
        (40, 1.303077052607),
        (41, 1.302543358953),
        (42, 1.302035487183),
        (43, 1.301551607682),
        (44, 1.301090059689),
        (45, 1.300649332250),
        (46, 1.300228047707),
        (47, 1.299824947312),
        (48, 1.299438878671),
        (49, 1.299068784748),
        (50, 1.298713694195),
        (51, 1.298372712848),
        (52, 1.298045016210),
        (53, 1.297729842791),
        (54, 1.297426488209),
        (55, 1.297134299931),
        (56, 1.296852672590),
        (57, 1.296581043799),
        (58, 1.296318890404),
        (59, 1.296065725122),
        (60, 1.295821093516)
),
recent as (
    select
        w.org_id,
        w.domain,
        w.quarter_start,
        w.hours * 4 / s.hours_per_fte as demand_fte,
        row_number() over (partition by w.org_id, w.domain order by w.quarter_start desc) as recency
    from marts.workload_domain_quarterly w, settings s
    where w.is_complete_quarter
),
fit_window as (
    select
        org_id,
        domain,
        quarter_start,
        demand_fte,
        row_number() over (partition by org_id, domain order by quarter_start) as x
    from recent
    where recency <= 12
),
fit as (
    select
        org_id,
        domain,
        count(*) as n,
        min(quarter_start) as first_quarter_start,
        max(quarter_start) as last_quarter_start,
        regr_intercept(demand_fte, x) as intercept,
        regr_slope(demand_fte, x) as slope,
        avg(x) as x_mean,
        regr_sxx(demand_fte, x) as sxx,
        -- residual sum of squares = Syy - Sxy^2 / Sxx; clamp the rounding noise of a perfect fit
        greatest(regr_syy(demand_fte, x) - regr_sxy(demand_fte, x) ^ 2 / regr_sxx(demand_fte, x), 0) as sse
    from fit_window
    group by org_id, domain
    having count(*) >= 4
)
select
    f.org_id,
    f.domain,
    cast(f.n as integer) as n_quarters,
    f.first_quarter_start,
    f.last_quarter_start,
    cast(f.intercept as double) as intercept_fte,
    cast(f.slope as double) as slope_fte_per_quarter,
    cast(f.x_mean as double) as x_mean,
    cast(f.sxx as double) as sxx,
    cast(sqrt(f.sse / (f.n - 2)) as double) as residual_se_fte,
    cast(t.t as double) as t_80
from fit f
join t_90 t on t.df = f.n - 2
order by f.org_id, f.domain;
