-- one row per org_id ('all' = every organisation) and competency domain, for the org's headline year: what a budget scenario (FTE added or removed per domain) is priced with, from the marts and the settings
-- year: the org's headline year in marts.staffing_gap (is_latest_complete_year, else its latest year);
-- need, staff, qualified staff, gap and shortfall are that year's marts.staffing_gap figures.
-- cost_per_fte_usd: marts.fte_cost (pay x benefits load) that year, n_paid with it.
-- hire_cost_usd: one-off cost of a hire (replacement_cost_factor x pay, marts.train_or_hire);
-- training_cost_per_hire_usd: the hires_training_cost_usd setting, else the domain's median training cost
-- per trainee (courses + their hours at the generalist rate, marts.train_or_hire), else 0.
-- vendor_spend_usd: vendor cost on the domain's work orders that year (marts.make_or_buy);
-- vendor_takeover_share: the largest share of it added staff could take over (setting);
-- vendor_cost_per_hour_usd: the vendor's price per hour where enough vendor work records hours
-- (marts.make_or_buy; null otherwise): work taken over is worth that an hour, else our own cost per hour
-- (so, without a vendor rate, taking work over saves no more than it costs).
-- rests_on_few: the row's staff rest on fewer than 5 people, or its in-house work on fewer than 5 work orders
-- (the findings rule of reports/components/findings.js, MIN_PEOPLE and MIN_EVENTS): a small group, which the
-- brief marks and never states a finding from. A flag, not the counts, so no small count is published.
-- wage_growth_rate: average yearly growth of reference.wage_index over its last (up to) five years when it
-- has two years or more (wage_growth_basis 'wage_index'), else the wage_growth_rate setting ('setting').
create or replace table marts.budget_scenario_inputs as
with settings as (
    select productive_hours_per_fte, vendor_takeover_share, wage_growth_rate, hires_training_cost_usd
    from meta.settings
),
index_span as (
    select max(year) as last_year, greatest(min(year), max(year) - 5) as first_year from reference.wage_index
),
wage as (
    select
        case when count(*) >= 2 then
            power(max(w.index) filter (where w.year = s.last_year) / max(w.index) filter (where w.year = s.first_year),
                1 / (s.last_year - s.first_year)) - 1
        end as growth
    from reference.wage_index as w
    cross join index_span as s
    where w.year in (s.first_year, s.last_year)
    group by s.last_year, s.first_year
),
headline as (
    select org_id, coalesce(max(year) filter (where is_latest_complete_year), max(year)) as year
    from marts.staffing_gap
    group by org_id
),
gap as (
    select g.*
    from marts.staffing_gap as g
    join headline as h on h.org_id = g.org_id and h.year = g.year
    where not g.is_total and g.domain <> 'unmapped'
),
staff_people as (
    -- the people behind a domain's staff FTE: everyone who supplies some of it that year
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        domain,
        count(distinct (org_id, employee_id)) as people
    from core.technician_domain_fte
    where fte > 0 and domain <> 'leadership'
    group by grouping sets ((org_id, year, domain), (year, domain))
),
in_house_work as (
    select org_id, year, domain, sum(work_orders) as work_orders
    from marts.work_coverage
    where covered_by <> 'vendor'
    group by org_id, year, domain
),
grid as (
    -- every taxonomy domain for every organisation, so a scenario may add staff where there is no work yet
    select h.org_id, h.year, d.domain, d.is_specialist
    from headline as h
    cross join taxonomy.domains as d
)
select
    g.org_id,
    g.domain,
    cast(g.year as integer) as year,
    g.is_specialist,
    cast(coalesce(s.demand_fte, 0) as double) as demand_fte,
    cast(coalesce(s.supply_fte, 0) as double) as supply_fte,
    cast(coalesce(s.qualified_supply_fte, 0) as double) as qualified_supply_fte,
    cast(coalesce(s.gap_fte, 0) as double) as gap_fte,
    cast(coalesce(s.shortfall_fte, 0) as double) as shortfall_fte,
    cast(f.cost_per_fte_usd as double) as cost_per_fte_usd,
    cast(f.n_paid as integer) as n_paid,
    cast(t.hire_cost_usd as double) as hire_cost_usd,
    cast(coalesce(st.hires_training_cost_usd, t.train_cost_usd, 0) as double) as training_cost_per_hire_usd,
    cast(coalesce(m.vendor_spend_usd, 0) as double) as vendor_spend_usd,
    cast(st.vendor_takeover_share as double) as vendor_takeover_share,
    cast(m.vendor_cost_per_hour_usd as double) as vendor_cost_per_hour_usd,
    cast(st.productive_hours_per_fte as double) as productive_hours_per_fte,
    cast(coalesce(w.growth, st.wage_growth_rate) as double) as wage_growth_rate,
    case when w.growth is not null then 'wage_index' else 'setting' end as wage_growth_basis,
    (coalesce(s.supply_fte, 0) > 0 and coalesce(sp.people, 0) < 5)
        or (coalesce(s.demand_fte, 0) > 0 and coalesce(iw.work_orders, 0) < 5) as rests_on_few
from grid as g
cross join settings as st
left join wage as w on true
left join gap as s on s.org_id = g.org_id and s.domain = g.domain
left join marts.fte_cost as f on f.org_id = g.org_id and f.domain = g.domain and f.year = g.year
left join marts.train_or_hire as t on t.org_id = g.org_id and t.domain = g.domain
left join marts.make_or_buy as m on m.org_id = g.org_id and m.domain = g.domain and m.year = g.year
left join staff_people as sp on sp.org_id = g.org_id and sp.domain = g.domain and sp.year = g.year
left join in_house_work as iw on iw.org_id = g.org_id and iw.domain = g.domain and iw.year = g.year
order by g.org_id, g.domain;
