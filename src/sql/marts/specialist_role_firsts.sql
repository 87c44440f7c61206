-- one row per org_id and specialist role (role family 'specialist') ever staffed there: the year the role first appears, whether it was already there when the records begin, and where its holders came from (moved in from another role, or hired into it)
-- A holder is an employment that held the role; they moved internally when their first spell in the
-- role is not the first spell of their employment, and were hired into it otherwise.
create or replace table marts.specialist_role_firsts as
with holders as (
    select p.org_id, p.role, p.primary_domain, p.employee_id, p.hire_on,
        min(p.start_on) as first_on,
        arg_min(p.spell_seq, p.start_on) > 1 as is_internal
    from core.position_spells as p
    join core.staffed_spells as s
        on s.employee_id = p.employee_id and s.hire_on = p.hire_on and s.start_on = p.start_on
    where p.role_family = 'specialist'
        and p.start_on <= (select as_of from meta.as_of)
    group by all
)

select
    cast(h.org_id as varchar) as org_id,
    cast(h.role as varchar) as role,
    cast(any_value(h.primary_domain) as varchar) as primary_domain,
    cast(year(min(h.first_on)) as integer) as first_year,
    -- the role was held on the day the records begin: when it first appeared is before them
    min(h.first_on) <= any_value(hs.history_start) as is_before_records,
    cast(case when arg_min(h.is_internal, h.first_on) then 'internal move' else 'hire' end as varchar) as first_holder_origin,
    cast(count(*) as integer) as holders,
    cast(count(*) filter (where h.is_internal) as integer) as holders_internal,
    cast(count(*) filter (where not h.is_internal) as integer) as holders_hired
from holders as h
cross join meta.history_start as hs
group by h.org_id, h.role
order by org_id, role;
