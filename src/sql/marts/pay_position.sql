-- one row per org_id ('all' = every organisation), year and role ('all' = every role): annualised base pay of the employees in the role at the year's snapshot date against the market, pay range and certification, suppressed below the smallest pay group
-- Snapshot date: 31 December, or as_of for the as_of year. People: employees (not contractors) with a
-- position spell in force then, in the role of that spell, with a pay spell in force then (annual_pay_usd:
-- hourly x 2080 x fte). Quantiles: quantile_cont (R type 7). Market: core.role_market's primary figure
-- for the organisation ('all': national), role and year: the statistic that fits the role's level
-- (market_statistic) from the newest survey not after the pay year, never a later one, aged to the pay
-- year with the wage index where it has both years (market_median_aged), the state figure where the
-- organisation has one (market_area). market_median keeps its name for the level's figure as published.
-- market_ratio = median_pay / coalesce(market_median_aged, market_median); market_basis says which survey
-- year and ageing ("2019 median, aged +27% with ECI to 2025"). market_reading reads market ratio and
-- compa-ratio together in one sentence, from the published (not suppressed) values only, and names a
-- stand-in figure (market_stand_in, core.role_market) as such.
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
    -- the people in headcount on the snapshot day (docs/marts.md) with their pay then
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
-- the role's market figure (core.role_market, comparison primary): the level's statistic from the newest
-- survey not after the pay year, aged to the pay year, the organisation's state figure where there is one
market as (
    select * from core.role_market where comparison = 'primary'
),
result as (
select
    s.org_id,
    cast(s.year as integer) as year,
    s.role,
    s.role_family,
    cast(s.n as integer) as n,
    cast(case when s.n >= g.min_group then s.pay_quartiles[2] end as double) as median_pay,
    cast(case when s.n >= g.min_group then s.pay_quartiles[1] end as double) as p25_pay,
    cast(case when s.n >= g.min_group then s.pay_quartiles[3] end as double) as p75_pay,
    m.market_value as market_median,
    m.market_year,
    m.market_source,
    m.market_value_aged as market_median_aged,
    m.wage_index_factor,
    m.market_basis,
    cast(case when s.n >= g.min_group
        then s.pay_quartiles[2] / coalesce(m.market_value_aged, m.market_value) end as double)
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
    ), '') as suppressed_reason,
    m.statistic as market_statistic,
    m.market_source_url,
    m.market_status,
    m.market_reason,
    m.market_stand_in,
    m.market_area,
    m.market_area_note
from stats s
cross join settings g
left join market m on m.org_id = s.org_id and m.role = s.role and m.year = s.year
),
-- market ratio and compa-ratio read together, in bands of 5 points either side of 100%
banded as (
    select
        *,
        -- on the whole percent the sentence prints, so "105%" always reads as "at"
        case when round(market_ratio * 100) < 95 then 'below' when round(market_ratio * 100) > 105 then 'above'
            else 'at' end as m_band,
        case when round(median_compa_ratio * 100) < 95 then 'below'
            when round(median_compa_ratio * 100) > 105 then 'above' else 'at' end as c_band,
        cast(round(market_ratio * 100) as integer) || '%' as m_pct,
        cast(round(median_compa_ratio * 100) as integer) || '%' as c_pct,
        -- a figure standing in for the role says whose it is, so no one reads it as the role's own market
        coalesce(format(' ({} standing in)', market_stand_in), '') as stand_in_note
    from result
)
select
    * exclude (m_band, c_band, m_pct, c_pct, stand_in_note),
    case
        when role = 'all' or (market_ratio is null and median_compa_ratio is null) then null
        when median_compa_ratio is null
            then format('{}: median pay is {} of market{}; no pay ranges to read it against.', role, m_pct, stand_in_note)
        when market_ratio is null
            then format('{}: median pay is {} of the range midpoint; no market figure for the role.', role, c_pct)
        else format('{}: median pay is {} of market{} and {} of the range midpoint: {}.', role, m_pct, stand_in_note, c_pct,
            case m_band || '/' || c_band
                when 'at/at' then 'pay and the pay range both track the market'
                when 'above/at' then 'paid at the range midpoint yet above market, so the range is set above the market'
                when 'below/at' then 'paid at the range midpoint yet below market, so the range is set below the market and paying to the range will not reach it'
                when 'at/below' then 'paid at market but low in the range, so the range is set above the market'
                when 'at/above' then 'paid at market but high in the range, so the range is set below the market and staff are pressing its top'
                when 'above/above' then 'paid above both the market and the range midpoint'
                when 'below/below' then 'paid below both the market and the range midpoint: moving staff up their range also moves them toward market'
                when 'above/below' then 'paid above market yet low in the range, so the range is set well above the market'
                when 'below/above' then 'paid below market yet high in the range, so the range is set well below the market: a risk when staff can earn more elsewhere'
            end)
    end as market_reading
from banded
order by 1, 2, 3;
