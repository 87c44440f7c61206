-- one row per (organisation, role) held by exactly one employee on as_of whose age in the as_of year is at least retirement_age - near_retirement_years: an HR list of succession risks (person-level, internal only, written by `htm-workforce actions`, never published)
-- People: employees (not contractors) in headcount on as_of (core.staffed_spells). Age: as_of year -
-- birth year, as in marts.retirement_exposure; a holder without a birth year is not listed.
create or replace table core.action_single_incumbents as
with as_of as (
    select a.as_of, cast(year(a.as_of) as integer) as year, s.retirement_age, s.near_retirement_years
    from meta.as_of as a, meta.settings as s
),

staff as (
    select distinct p.org_id, p.role, p.employee_id, p.hire_on
    from core.staffed_spells as p, as_of as a
    where p.start_on <= a.as_of and coalesce(p.end_on, date '9999-12-31') > a.as_of
),

single as (
    select org_id, role, any_value(employee_id) as employee_id, any_value(hire_on) as hire_on
    from staff
    group by org_id, role
    having count(distinct employee_id) = 1
)

select
    s.org_id,
    s.role,
    s.employee_id,
    e.birth_year,
    a.year - e.birth_year as age,
    a.retirement_age - (a.year - e.birth_year) as years_to_retirement
from single as s
join core.employees as e on e.employee_id = s.employee_id and e.hire_on = s.hire_on
cross join as_of as a
where a.year - e.birth_year >= a.retirement_age - a.near_retirement_years
order by s.org_id, s.role;
