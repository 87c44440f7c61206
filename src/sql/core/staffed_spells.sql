-- one row per position spell of an employee (not a contractor), cut to the days the person counts in headcount
create or replace table core.staffed_spells as
-- docs/marts.md counts a person on day d when hire_on <= d < termination_on, so the termination day
-- itself (kept in position_spells as the last day worked) is not a headcount day
select
    s.employee_id,
    s.hire_on,
    s.org_id,
    s.role,
    s.role_family,
    s.ladder_level,
    s.primary_domain,
    s.fte,
    s.start_on,
    case
        when e.termination_on is null then s.end_on
        else least(s.end_on, e.termination_on)
    end as end_on
from core.position_spells as s
join core.employees as e on e.employee_id = s.employee_id and e.hire_on = s.hire_on
where s.employment_type = 'employee'
    and (e.termination_on is null or s.start_on < e.termination_on);
