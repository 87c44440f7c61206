-- one row per org_id ('all' = every organisation), year and role ('all' = every role): annualised base pay of the employees in the role at the year's snapshot date against the market, pay range and certification, suppressed below the smallest pay group
-- Snapshot date: 31 December, or as_of for the as_of year. People: employees (not contractors) with a
-- position spell in force then, in the role of that spell, with a pay spell in force then (annual_pay_usd:
-- hourly x 2080 x fte). Quantiles: quantile_cont (R type 7). Market: reference.market_pay for the role in
-- the latest survey year <= the pay year, never a later one (a year before the first survey has no market
-- figure); several sources for that year -> the median of their medians. The figure is aged to the pay year
-- with reference.wage_index when it has both years (market_median_aged = market_median x index(year) /
-- index(market_year)), else it is used as published and market_basis says so. market_ratio = median_pay /
-- coalesce(market_median_aged, market_median), and market_basis names the survey year it rests on.
-- Compa-ratio = pay / range_mid_usd, median over
-- people with a range. certified_premium = median pay of holders of any valid mapped certification /
-- median pay of non-holders, within one role.
-- Privacy: a statistic needs at least min_pay_group people behind it (public audience: at least
-- min_cell_public); below that it is null and suppressed_reason says why. No row describes one person.
create or replace table marts.pay_position as
with settings as (
    select
        case when audience = 'public' then greatest(min_pay_group, min_cell_public) else min_pay_group end
            as min_group,
        audience
    from meta.settings
),
as_of as (
    select as_of from meta.as_of
),
snapshots as (
    select year, on_date from core.year_snapshots
),
-- who holds a valid mapped certification at each snapshot: a join on (employee, year) below, where a
-- correlated exists per person-year costs seconds on an organisation-wide export
certified as (
    select distinct s.year, c.employee_id
    from snapshots s
    join core.certifications c
        on c.certification_code <> 'unmapped'
        and c.valid_from <= s.on_date
        and coalesce(c.valid_to, date '9999-12-31') > s.on_date
),
paid as (
    select
        p.year,
        p.org_id,
        p.role,
        p.role_family,
        p.employee_id,
        p.annual_pay_usd as pay,
        p.annual_pay_usd / p.range_mid_usd as compa_ratio,
        c.employee_id is not null as is_certified
    -- the people in headcount on the snapshot day (DESIGN §6) with their pay then
    from core.pay_snapshots p
    left join certified c on c.employee_id = p.employee_id and c.year = p.year
),
stats as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        case when grouping(role) = 1 then 'all' else role end as role,
        case when grouping(role) = 1 then 'all' else any_value(role_family) end as role_family,
        grouping(role) = 1 as is_all_roles,
        count(*) as n,
        -- one sort of the pay for the three quantiles (the same values as three quantile_cont calls)
        quantile_cont(pay, [0.25, 0.5, 0.75]) as pay_quartiles,
        count(compa_ratio) as n_with_range,
        quantile_cont(compa_ratio, 0.5) as median_compa_ratio,
        count(*) filter (where is_certified) as n_certified,
        count(*) filter (where not is_certified) as n_not_certified,
        quantile_cont(pay, 0.5) filter (where is_certified)
            / quantile_cont(pay, 0.5) filter (where not is_certified) as certified_premium
    from paid
    group by grouping sets ((org_id, year, role), (year, role), (org_id, year), (year))
),
market_years as (
    select
        st.role,
        st.year,
        m.year as market_year,
        -- the newest survey not after the pay year: a pay year is never set against a later survey
        rank() over (partition by st.role, st.year order by m.year desc) as preference,
        m.median,
        m.source
    from (select distinct role, year from stats) st
    join reference.market_pay m on m.role = st.role and m.median is not null and m.year <= st.year
),
market as (
    select role, year, any_value(market_year) as market_year, median(median) as market_median,
        string_agg(source, '; ' order by source) as market_source
    from market_years
    where preference = 1
    group by role, year
),
aged as (
    select
        m.*,
        case when m.market_year = m.year then 1.0 else w_to.index / w_from.index end as wage_index_factor
    from market m
    left join reference.wage_index w_from on w_from.year = m.market_year
    left join reference.wage_index w_to on w_to.year = m.year
)
select
    s.org_id,
    cast(s.year as integer) as year,
    s.role,
    s.role_family,
    cast(s.n as integer) as n,
    cast(case when s.n >= g.min_group then s.pay_quartiles[2] end as double) as median_pay,
    cast(case when s.n >= g.min_group then s.pay_quartiles[1] end as double) as p25_pay,
    cast(case when s.n >= g.min_group then s.pay_quartiles[3] end as double) as p75_pay,
    cast(m.market_median as double) as market_median,
    cast(m.market_year as integer) as market_year,
    m.market_source,
    cast(m.market_median * m.wage_index_factor as double) as market_median_aged,
    cast(m.wage_index_factor as double) as wage_index_factor,
    case
        when m.market_year is null then null
        when m.market_year = s.year then format('survey {}', m.market_year)
        when m.wage_index_factor is not null
            then format('survey {}, aged to {} with the wage index', m.market_year, s.year)
        else format('survey {}, not aged (no wage index for {} and {})', m.market_year, m.market_year, s.year)
    end as market_basis,
    cast(case when s.n >= g.min_group
        then s.pay_quartiles[2] / coalesce(m.market_median * m.wage_index_factor, m.market_median) end as double)
        as market_ratio,
    cast(case when s.n_with_range >= g.min_group then s.median_compa_ratio end as double) as median_compa_ratio,
    cast(case when not s.is_all_roles and s.n_certified >= g.min_group and s.n_not_certified >= g.min_group
        then s.certified_premium end as double) as certified_premium,
    nullif(concat_ws('; ',
        case when s.n < g.min_group
            then format('pay statistics: fewer than {} people ({} audience)', g.min_group, g.audience) end,
        case when s.n >= g.min_group and s.n_with_range > 0 and s.n_with_range < g.min_group
            then format('compa-ratio: fewer than {} people with a pay range', g.min_group) end,
        case when s.n >= g.min_group and not s.is_all_roles and s.n_certified > 0 and s.n_not_certified > 0
                and least(s.n_certified, s.n_not_certified) < g.min_group
            then format('certified premium: fewer than {} holders or non-holders', g.min_group) end
    ), '') as suppressed_reason
from stats s
cross join settings g
left join aged m on m.role = s.role and m.year = s.year
order by 1, 2, 3;
