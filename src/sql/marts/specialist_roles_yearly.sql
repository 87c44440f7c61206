-- one row per year and specialist domain (the primary domain of specialist roles: networking, cybersecurity, integration, imaging…): how many organisations had such a role that year out of those with staff, and its holders by origin (internal move or hire)
-- An organisation has the role in a year when someone held it on any day of the year (up to as_of).
-- Origin as in marts.specialist_role_firsts: internal when the holder's first spell in the role was
-- not the first spell of their employment.
create or replace table marts.specialist_roles_yearly as
with origin as (
    select p.employee_id, p.hire_on, p.role, arg_min(p.spell_seq, p.start_on) > 1 as is_internal
    from core.position_spells as p
    where p.role_family = 'specialist'
    group by all
),

in_year as (
    select y.year, s.org_id, s.employee_id, s.hire_on, s.role, s.primary_domain
    from core.staffed_spells as s
    join core.year_snapshots as y
        on s.start_on <= y.on_date
        and (s.end_on is null or s.end_on > make_date(y.year, 1, 1))
),

orgs_total as (
    select year, count(distinct org_id) as orgs_with_staff from in_year group by year
),

specialists as (
    select i.year, i.primary_domain as domain, i.org_id, i.employee_id, i.hire_on, bool_or(o.is_internal) as is_internal
    from in_year as i
    join origin as o on o.employee_id = i.employee_id and o.hire_on = i.hire_on and o.role = i.role
    where i.primary_domain is not null
    group by all
)

select
    cast(s.year as integer) as year,
    cast(s.domain as varchar) as domain,
    cast(count(distinct s.org_id) as integer) as orgs_with_role,
    cast(any_value(t.orgs_with_staff) as integer) as orgs_with_staff,
    cast(count(*) as integer) as holders,
    cast(count(*) filter (where s.is_internal) as integer) as holders_internal,
    cast(count(*) filter (where not s.is_internal) as integer) as holders_hired
from specialists as s
join orgs_total as t on t.year = s.year
group by s.year, s.domain
order by year, domain;
