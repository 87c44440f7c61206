-- one row per (employee in headcount on as_of, mapped certification) whose certification expires within expiring_window_days after as_of: an HR list (person-level, internal only, written by `htm-workforce actions`, never published)
-- The rule of marts.certification_coverage's expiring_90d: of the certification records valid on as_of,
-- the person holds no one that never expires and the latest expiry lies within the window.
create or replace table core.action_certifications_expiring as
with as_of as (
    select a.as_of, s.expiring_window_days from meta.as_of as a, meta.settings as s
),

staff as (
    select distinct p.org_id, p.employee_id, p.role
    from core.staffed_spells as p, as_of as a
    where p.start_on <= a.as_of and coalesce(p.end_on, date '9999-12-31') > a.as_of
)

select
    st.org_id,
    st.employee_id,
    st.role,
    c.certification_code as certification,
    max(c.valid_to) as expires_on,
    cast(max(c.valid_to) - any_value(a.as_of) as integer) as days_left
from staff as st
join core.certifications as c
    on c.employee_id = st.employee_id and c.certification_code <> 'unmapped'
cross join as_of as a
where c.valid_from <= a.as_of and coalesce(c.valid_to, date '9999-12-31') > a.as_of
group by st.org_id, st.employee_id, st.role, c.certification_code
having not bool_or(c.valid_to is null) and max(c.valid_to) <= any_value(a.as_of) + any_value(a.expiring_window_days)
order by st.org_id, expires_on, st.employee_id, certification;
