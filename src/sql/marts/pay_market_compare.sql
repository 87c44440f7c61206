-- one row per org_id ('all' = every organisation), year, role and comparison (primary = the role's market figure, secondary = one shown beside it, e.g. an IT occupation beside an HTM title survey): the role's median pay against each market figure, aged to the year
-- Pay: marts.pay_position's median_pay (null below the smallest pay group, so the ratio is too). Market:
-- core.role_market, one definition with pay_position's. market_ratio = median_pay /
-- coalesce(market_median_aged, market_median).
create or replace table marts.pay_market_compare as
select
    p.org_id,
    p.year,
    p.role,
    p.role_family,
    p.n,
    m.comparison,
    m.market_year,
    m.statistic as market_statistic,
    m.market_value as market_median,
    m.market_value_aged as market_median_aged,
    m.wage_index_factor,
    m.market_basis,
    m.market_source,
    m.market_source_url,
    m.market_status,
    m.market_reason,
    m.market_stand_in,
    m.market_area,
    cast(p.median_pay / coalesce(m.market_value_aged, m.market_value) as double) as market_ratio
from marts.pay_position as p
join core.role_market as m on m.org_id = p.org_id and m.year = p.year and m.role = p.role
order by p.org_id, p.year, p.role, m.comparison;
