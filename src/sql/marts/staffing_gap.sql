-- one row per org_id ('all' = every organisation), actual year and domain (each domain with work or staff, 'unmapped' included; 'specialist' = the domains data/taxonomy/domains.csv marks is_specialist; 'all' = every domain): demand, supply and gap FTE, the one staffing-gap definition every page reads
-- Domain rows carry marts.specialist_demand's actual figures (demand = in-house hours / productive hours,
-- supply = FTE of staff whose role's primary domain it is, gap = demand - supply).
-- shortfall_fte = work no one in the domain's roles covers: greatest(gap, 0) for a domain, and for a total
-- the sum of its domains' shortfalls. A surplus of imaging specialists does not cover a networking gap, so
-- the headline "specialist gap" is the 'specialist' row's shortfall_fte; gap_fte of a total is the net
-- figure (surpluses netted), kept for the reader who wants it.
-- specialist_rank orders the specialist domains short of staff (1 = largest shortfall; ties by domain);
-- null for a domain that is covered, not specialist, or a total.
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
domains as (
    select
        d.org_id,
        d.year,
        d.domain,
        coalesce(f.is_specialist, false) as is_specialist,
        d.demand_fte,
        d.supply_fte,
        d.gap_fte,
        greatest(d.gap_fte, 0) as shortfall_fte
    from marts.specialist_demand d
    left join domain_flags f on f.domain = d.domain
    where not d.is_forecast and d.domain <> 'all'
),
totals as (
    select
        y.org_id,
        y.year,
        t.domain,
        t.domain = 'specialist' as is_specialist,
        -- an org-year with work orders but none in the specialist domains has demand 0; one without any
        -- work orders has no demand figure (null), as in marts.specialist_demand
        case when y.has_work then coalesce(sum(d.demand_fte), 0) end as demand_fte,
        coalesce(sum(d.supply_fte), 0) as supply_fte,
        case when y.has_work then coalesce(sum(d.demand_fte), 0) - coalesce(sum(d.supply_fte), 0) end as gap_fte,
        case when y.has_work then coalesce(sum(d.shortfall_fte), 0) end as shortfall_fte
    from org_years y
    cross join (values ('specialist'), ('all')) t(domain)
    left join domains d
        on d.org_id = y.org_id and d.year = y.year and (t.domain = 'all' or d.is_specialist)
    group by y.org_id, y.year, t.domain, y.has_work
),
ranked as (
    select
        *,
        false as is_total,
        case when is_specialist and shortfall_fte > 0 then
            row_number() over (
                partition by org_id, year, is_specialist and shortfall_fte > 0
                order by shortfall_fte desc, domain
            )
        end as specialist_rank
    from domains
    union all
    select *, true, cast(null as bigint) from totals
),
latest as (
    select max(y.year) as year
    from org_years y
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
    coalesce(r.year = l.year, false) as is_latest_complete_year
from ranked r
join org_years y on y.org_id = r.org_id and y.year = r.year
cross join latest l
order by r.org_id, r.year, r.is_total, r.domain;
