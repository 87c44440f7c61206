-- one row per org_id ('all' = every organisation), actual year and domain (each domain with work or staff, 'unmapped' included; 'specialist' = the domains data/taxonomy/domains.csv marks is_specialist; 'all' = every domain): need, staff and gap FTE, the one staffing-gap definition every page reads
-- need (demand_fte): in-house hours / productive hours per FTE, annualised (marts.specialist_demand).
-- staff (supply_fte): who does the work (core.technician_domain_fte): each technician's FTE split over the
-- domains by the share of their own in-house hours; staff with no logged hours by their role's primary
-- domain; leaders' logged hours count where they were logged, the rest of their FTE is leadership_fte
-- (total rows only, apart from the technical staff). Where an org-year's work orders name no technician,
-- staff fall back to their role's primary domain: supply_basis 'work' / 'mixed' / 'role' says which.
-- gap_fte = need - staff, for every domain and total; a total's need, staff and gap are the sums of its
-- domains', so the domains add up to the total.
-- qualified_supply_fte: staff whose role names the domain as its own (roles.csv primary_domain).
-- shortfall_fte, the "specialist gap" of a specialist domain (domains.csv is_specialist): its work covered
-- by no one qualified, greatest(need - qualified staff, 0) (the part done by generalists or not covered);
-- of any other domain: greatest(gap, 0). A total's shortfall is the sum of its domains', so a surplus of
-- imaging specialists does not cover a networking gap; the headline "specialist gap" is the 'specialist'
-- row's shortfall_fte.
-- specialist_rank orders the specialist domains short of qualified staff (1 = largest shortfall; ties by
-- domain); null for a domain that is covered, not specialist, or a total.
-- is_latest_complete_year marks the headline year: the last year whose every day lies on or before as_of.
create or replace table marts.staffing_gap as
with domain_flags as (
    select domain, is_specialist from taxonomy.domains
),
org_years as (
    select org_id, year, year_fraction, in_house_hours is not null as has_work
    from marts.specialist_demand
    where not is_forecast and domain = 'all'
),
staff as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        domain,
        sum(fte) filter (where domain <> 'leadership') as supply_fte,
        sum(fte) filter (where domain <> 'leadership' and is_own_domain) as qualified_supply_fte,
        sum(fte) filter (where domain = 'leadership') as leadership_fte
    from core.technician_domain_fte
    group by grouping sets ((org_id, year, domain), (year, domain))
),
bases as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        case
            when bool_and(basis <> 'role_only') then 'work'
            when bool_and(basis = 'role_only' or basis = 'leadership') then 'role'
            else 'mixed'
        end as supply_basis
    from core.technician_domain_fte
    group by grouping sets ((org_id, year), (year))
),
need as (
    select org_id, year, domain, demand_fte
    from marts.specialist_demand
    where not is_forecast and domain <> 'all'
),
domains as (
    select
        y.org_id,
        y.year,
        coalesce(n.domain, s.domain) as domain,
        coalesce(f.is_specialist, false) as is_specialist,
        case when y.has_work then coalesce(n.demand_fte, 0) end as demand_fte,
        coalesce(s.supply_fte, 0) as supply_fte,
        coalesce(s.qualified_supply_fte, 0) as qualified_supply_fte
    from need as n
    full join (select * from staff where domain <> 'leadership') as s
        on s.org_id = n.org_id and s.year = n.year and s.domain = n.domain
    join org_years as y on y.org_id = coalesce(n.org_id, s.org_id) and y.year = coalesce(n.year, s.year)
    left join domain_flags as f on f.domain = coalesce(n.domain, s.domain)
),
domain_rows as (
    select
        *,
        demand_fte - supply_fte as gap_fte,
        case
            when is_specialist then greatest(demand_fte - qualified_supply_fte, 0)
            else greatest(demand_fte - supply_fte, 0)
        end as shortfall_fte
    from domains
),
totals as (
    select
        y.org_id,
        y.year,
        t.domain,
        t.domain = 'specialist' as is_specialist,
        -- an org-year with work orders but none in the specialist domains has need 0; one without any
        -- work orders has no need figure (null), as in marts.specialist_demand
        case when y.has_work then coalesce(sum(d.demand_fte), 0) end as demand_fte,
        coalesce(sum(d.supply_fte), 0) as supply_fte,
        coalesce(sum(d.qualified_supply_fte), 0) as qualified_supply_fte,
        case when y.has_work then coalesce(sum(d.demand_fte), 0) - coalesce(sum(d.supply_fte), 0) end as gap_fte,
        case when y.has_work then coalesce(sum(d.shortfall_fte), 0) end as shortfall_fte
    from org_years as y
    cross join (values ('specialist'), ('all')) as t (domain)
    left join domain_rows as d
        on d.org_id = y.org_id and d.year = y.year and (t.domain = 'all' or d.is_specialist)
    group by y.org_id, y.year, t.domain, y.has_work
),
ranked as (
    select
        org_id, year, domain, is_specialist, demand_fte, supply_fte, qualified_supply_fte, gap_fte, shortfall_fte,
        false as is_total,
        case when is_specialist and shortfall_fte > 0 then
            row_number() over (
                partition by org_id, year, is_specialist and shortfall_fte > 0
                order by shortfall_fte desc, domain
            )
        end as specialist_rank
    from domain_rows
    union all
    select
        org_id, year, domain, is_specialist, demand_fte, supply_fte, qualified_supply_fte, gap_fte, shortfall_fte,
        true, cast(null as bigint)
    from totals
),
latest as (
    select max(y.year) as year
    from org_years as y
    where y.year_fraction = 1
)
select
    r.org_id,
    cast(r.year as integer) as year,
    r.domain,
    r.is_specialist,
    r.is_total,
    cast(r.demand_fte as double) as demand_fte,
    cast(r.supply_fte as double) as supply_fte,
    cast(r.gap_fte as double) as gap_fte,
    cast(r.shortfall_fte as double) as shortfall_fte,
    cast(r.specialist_rank as integer) as specialist_rank,
    y.year_fraction = 1 as is_complete_year,
    coalesce(r.year = l.year, false) as is_latest_complete_year,
    cast(r.qualified_supply_fte as double) as qualified_supply_fte,
    -- leadership FTE not spent on logged work, counted apart (the 'all' row; 0 elsewhere)
    cast(case when r.domain = 'all' then coalesce(ld.leadership_fte, 0) else 0 end as double) as leadership_fte,
    coalesce(b.supply_basis, 'work') as supply_basis
from ranked as r
join org_years as y on y.org_id = r.org_id and y.year = r.year
left join staff as ld on ld.org_id = r.org_id and ld.year = r.year and ld.domain = 'leadership'
left join bases as b on b.org_id = r.org_id and b.year = r.year
cross join latest as l
order by r.org_id, r.year, r.is_total, r.domain;
