-- one row per org_id, year, employee_id, role_family, domain and basis: the FTE of an employee in the year allocated to the competency domains by the share of their own in-house hours (leadership apart)
-- Who does the work, not which role names a domain: a generalist who spends a fifth of the year's logged
-- hours on facilities work supplies a fifth of their FTE to facilities support.
-- fte: the person's average FTE over the elapsed part of the year (FTE-days of their staffed spells /
-- days in the period, as marts.specialist_demand counts supply), times their hours share in the domain.
-- basis says how a row was allocated:
--   'hours'       technical staff (generalist, specialist, engineering) by their in-house hours share;
--   'role'        technical staff with no logged hours in the year (new hires...), to their role's
--                 primary domain;
--   'role_only'   every technical person of an org-year whose in-house work orders name no technician of
--                 the organisation (the CMMS does not record who did the work), to their role's primary
--                 domain: the role-based supply used before work was attributed;
--   'leadership'  supervisors, managers and directors: the hours they log count in the domains (at
--                 hours / productive hours per FTE, at most their FTE), the rest of their FTE is leadership
--                 and lands in domain 'leadership', counted apart from the technical staff.
create or replace table core.technician_domain_fte as
with settings as (
    select productive_hours_per_fte as hours_per_fte from meta.settings
),
periods as (
    select year, make_date(year, 1, 1) as period_start, on_date as period_end from core.year_snapshots
),
spell_fte as (
    -- each staffed spell's share of the year's FTE (FTE-days as decimals, so the sum does not depend on thread order)
    select
        p.org_id,
        y.year,
        p.employee_id,
        p.role_family,
        p.primary_domain,
        cast(p.fte * (least(coalesce(p.end_on, y.period_end + 1), y.period_end + 1) - greatest(p.start_on, y.period_start))
            as decimal(38, 9)) as fte_days,
        y.period_end - y.period_start + 1 as days
    from core.staffed_spells as p
    join periods as y on p.start_on <= y.period_end and coalesce(p.end_on, date '9999-12-31') > y.period_start
    where p.role_family in ('generalist', 'specialist', 'engineering', 'leadership')
),
people as (
    select org_id, year, employee_id, role_family, primary_domain,
        cast(sum(fte_days) as double) / any_value(days) as fte
    from spell_fte
    group by all
),
logged as (
    -- in-house hours each person booked, by domain, over the work orders opened up to as_of
    select w.org_id, w.year, w.technician_id as employee_id, w.domain, sum(cast(w.labor_hours as decimal(38, 6))) as hours
    from core.work_orders as w
    where w.is_in_house and w.technician_id is not null and w.labor_hours > 0
        and w.opened_on <= (select as_of from meta.as_of)
    group by all
),
person_hours as (
    select org_id, year, employee_id, sum(hours) as hours from logged group by all
),
attributed_years as (
    -- org-years whose work orders name at least one of the organisation's own staff
    select distinct l.org_id, l.year
    from logged as l
    join people as p on p.org_id = l.org_id and p.year = l.year and p.employee_id = l.employee_id
),
technical as (
    select
        p.org_id, p.year, p.employee_id, p.role_family, p.primary_domain,
        coalesce(l.domain, p.primary_domain, 'unmapped') as domain,
        case
            when a.org_id is null then 'role_only'
            when l.domain is null then 'role'
            else 'hours'
        end as basis,
        case when a.org_id is not null and l.domain is not null then l.hours end as hours,
        case
            when a.org_id is not null and l.domain is not null then p.fte * l.hours / h.hours
            else p.fte
        end as fte
    from people as p
    left join attributed_years as a on a.org_id = p.org_id and a.year = p.year
    left join person_hours as h on h.org_id = p.org_id and h.year = p.year and h.employee_id = p.employee_id
    left join logged as l
        on a.org_id is not null and l.org_id = p.org_id and l.year = p.year and l.employee_id = p.employee_id
    where p.role_family <> 'leadership'
),
leaders as (
    select p.*, h.hours as total_hours,
        least(p.fte, coalesce(h.hours, 0) / (s.hours_per_fte * y.year_fraction)) as working_fte
    from people as p
    cross join settings as s
    join core.year_snapshots as y on y.year = p.year
    left join person_hours as h on h.org_id = p.org_id and h.year = p.year and h.employee_id = p.employee_id
    where p.role_family = 'leadership'
),
leadership as (
    select l.org_id, l.year, l.employee_id, l.role_family, l.primary_domain, w.domain, 'leadership' as basis, w.hours,
        l.working_fte * w.hours / l.total_hours as fte
    from leaders as l
    join logged as w on w.org_id = l.org_id and w.year = l.year and w.employee_id = l.employee_id
    union all
    select org_id, year, employee_id, role_family, primary_domain, 'leadership', 'leadership', null, fte - working_fte
    from leaders
    where fte - working_fte > 0
)
select org_id, cast(year as integer) as year, employee_id, role_family, domain, basis,
    -- the person's role names this domain as its own: qualified for its specialist work
    coalesce(primary_domain = domain, false) as is_own_domain,
    cast(hours as double) as hours, cast(fte as double) as fte
from (select * from technical union all select * from leadership)
order by org_id, year, employee_id, domain;
