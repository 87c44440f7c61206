-- one row per employee in headcount on as_of who is paid below the range minimum of their pay row or below far_below_market_ratio x their role's market figure: an HR list (person-level, internal only, written by `htm-workforce actions`, never published)
-- Pay and people: core.pay_snapshots for the as_of year (its snapshot is as_of). Market figure: the
-- primary core.role_market figure for the person's organisation, role and year, aged where the wage
-- index allows (else as published, as market_ratio in marts.pay_position). pay_to_market and
-- pay_to_range_min are the person's annual pay over each.
create or replace table core.action_pay_below as
with as_of as (
    select cast(year(as_of) as integer) as year from meta.as_of
),

settings as (
    select far_below_market_ratio from meta.settings
),

people as (
    select
        p.org_id,
        p.employee_id,
        p.role,
        p.annual_pay_usd,
        p.range_min_usd,
        coalesce(m.market_value_aged, m.market_value) as market_usd,
        m.market_basis,
        -- whose figure, where another title's or occupation's stands in for the role: HR acts on this list
        m.market_stand_in,
        s.far_below_market_ratio
    from core.pay_snapshots as p
    join as_of as a on a.year = p.year
    cross join settings as s
    left join core.role_market as m
        on m.org_id = p.org_id and m.year = p.year and m.role = p.role and m.comparison = 'primary'
)

select
    org_id,
    employee_id,
    role,
    round(annual_pay_usd, 2) as annual_pay_usd,
    range_min_usd,
    round(market_usd, 0) as market_usd,
    market_basis,
    market_stand_in,
    round(annual_pay_usd / range_min_usd, 3) as pay_to_range_min,
    round(annual_pay_usd / market_usd, 3) as pay_to_market,
    coalesce(annual_pay_usd < range_min_usd, false) as below_range_min,
    coalesce(annual_pay_usd < far_below_market_ratio * market_usd, false) as far_below_market
from people
where annual_pay_usd < range_min_usd or annual_pay_usd < far_below_market_ratio * market_usd
order by org_id, role, employee_id;
