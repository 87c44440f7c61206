-- one row per org_id ('all' = every organisation), domain and year up to as_of: the annual cost of one added FTE in the domain, priced at the median pay of the org's staff in the domain's roles, else at the market figure for those roles
-- Roles of a domain: core.domain_roles. Pay: annualised base of employees in those roles at the year's
-- snapshot date (31 December, or as_of for the as_of year), as in marts.pay_position. base_pay_usd = their
-- median, rounded to pay_rounding_usd, when at least min_pay_group people (public audience: min_cell_public) are behind it
-- (cost_basis 'org_median'), else the market figure (cost_basis 'market'): for each role the newest
-- reference.market_pay survey not after the year (median of its sources' medians), aged to the year with
-- reference.wage_index when the index has both years, and the median of those over the domain's roles.
-- cost_per_fte_usd = base_pay_usd x benefits_load. in_house_cost_per_hour_usd = cost_per_fte_usd /
-- productive_hours_per_fte: what an hour of work done in-house costs when an FTE delivers that many hours.
-- replacement_cost_per_leaver_usd = replacement_cost_factor x base_pay_usd (docs/marts.md cost of turnover).
-- turnover_rate: the org's annual turnover rate that year (marts.turnover_annual, all role families).
-- supply_fte: staff FTE in the domain that year (marts.specialist_demand); turnover_cost_usd = supply_fte x
-- turnover_rate x replacement_cost_per_leaver_usd: what replacing leavers costs a year at that rate, the
-- cost a lower turnover would avoid.
create or replace table marts.fte_cost as
with settings as (
    select
        benefits_load,
        replacement_cost_factor,
        productive_hours_per_fte,
        pay_rounding_usd,
        case when audience = 'public' then greatest(min_pay_group, min_cell_public) else min_pay_group end
            as min_group
    from meta.settings
),
as_of as (
    select as_of from meta.as_of
),
snapshots as (
    select year, on_date from core.year_snapshots
),
grid as (
    select o.org_id, d.domain, s.year
    from (select org_id from core.orgs union select 'all') o
    cross join (select distinct domain from core.domain_roles) d
    cross join snapshots s
),
-- the people in headcount at each snapshot date with their pay, as marts.pay_position reads them
paid as (
    select p.year, p.org_id, r.domain, p.annual_pay_usd as pay
    from core.pay_snapshots p
    join core.domain_roles r on r.role = p.role
),
org_pay as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        domain,
        year,
        count(*) as n,
        quantile_cont(pay, 0.5) as median_pay
    from paid
    group by grouping sets ((org_id, domain, year), (domain, year))
),
role_market as (
    -- per role and year: the newest survey not after the year, the median of its sources
    select r.domain, r.role, s.year, m.year as market_year, median(m.median) as market_median
    from core.domain_roles r
    cross join snapshots s
    -- the role's own figure only: secondary rows are shown beside it on the pay page, never used for cost
    join reference.market_pay m on m.role = r.role and m.year <= s.year and coalesce(m.comparison, 'primary') = 'primary'
    group by r.domain, r.role, s.year, m.year
    qualify rank() over (partition by r.domain, r.role, s.year order by m.year desc) = 1
),
role_market_aged as (
    select
        m.*,
        case when m.market_year = m.year then 1.0 else w_to.index / w_from.index end as factor
    from role_market m
    left join reference.wage_index w_from on w_from.year = m.market_year
    left join reference.wage_index w_to on w_to.year = m.year
),
-- the market figure rounded to pay_rounding_usd like every published pay figure: base_pay_usd falls
-- back to it, and an unrounded copy would read as an unrounded pay statistic
market as (
    select
        domain,
        year,
        round(median(market_median * coalesce(factor, 1)) / any_value(st.pay_rounding_usd))
            * any_value(st.pay_rounding_usd) as market_pay,
        min(market_year) as first_market_year,
        max(market_year) as last_market_year,
        bool_and(factor is not null) as is_aged,
        count(*) as roles_with_market
    from role_market_aged, settings st
    group by domain, year
),
turnover as (
    select org_id, year, turnover_rate from marts.turnover_annual where role_family = 'all'
),
priced as (
    select
        g.org_id,
        g.domain,
        g.year,
        -- a count only when the median is published: a small group is not described at all
        case when o.n >= st.min_group then o.n end as n_paid,
        case when o.n >= st.min_group then 'org_median' when m.market_pay is not null then 'market' end
            as cost_basis,
        -- the median rounded to pay_rounding_usd HERE, before any cost is computed from it: a cost
        -- divided by its published factors (benefits load, FTE, turnover rate) then gives back no more
        -- than the rounded median
        case
            when o.n >= st.min_group then round(o.median_pay / st.pay_rounding_usd) * st.pay_rounding_usd
            else m.market_pay
        end as base_pay_usd,
        m.market_pay,
        m.first_market_year,
        m.last_market_year,
        m.is_aged,
        t.turnover_rate,
        sd.supply_fte
    from grid g
    cross join settings st
    left join org_pay o on o.org_id = g.org_id and o.domain = g.domain and o.year = g.year
    left join market m on m.domain = g.domain and m.year = g.year
    left join turnover t on t.org_id = g.org_id and t.year = g.year
    left join marts.specialist_demand sd
        on sd.org_id = g.org_id and sd.year = g.year and sd.domain = g.domain and not sd.is_forecast
)
select
    p.org_id,
    p.domain,
    cast(p.year as integer) as year,
    cast(p.n_paid as integer) as n_paid,
    p.cost_basis,
    cast(p.base_pay_usd as double) as base_pay_usd,
    cast(st.benefits_load as double) as benefits_load,
    cast(p.base_pay_usd * st.benefits_load as double) as cost_per_fte_usd,
    cast(p.base_pay_usd * st.benefits_load / st.productive_hours_per_fte as double) as in_house_cost_per_hour_usd,
    cast(st.replacement_cost_factor * p.base_pay_usd as double) as replacement_cost_per_leaver_usd,
    cast(p.turnover_rate as double) as turnover_rate,
    cast(p.supply_fte as double) as supply_fte,
    cast(p.supply_fte * p.turnover_rate * st.replacement_cost_factor * p.base_pay_usd as double) as turnover_cost_usd,
    cast(p.market_pay as double) as market_pay_usd,
    cast(p.first_market_year as integer) as first_market_year,
    cast(p.last_market_year as integer) as last_market_year,
    case
        when p.market_pay is null then null
        when p.first_market_year = p.last_market_year then format('survey {}', p.first_market_year)
        else format('surveys {}-{}', p.first_market_year, p.last_market_year)
    end
    || case
        when p.market_pay is null or p.last_market_year = p.year and p.first_market_year = p.year then ''
        when p.is_aged then format(', aged to {} with the wage index', p.year)
        else ', not aged (no wage index)'
    end as market_basis
from priced p
cross join settings st
order by 1, 2, 3;
