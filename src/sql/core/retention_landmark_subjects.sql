-- one row per (employment, org_id, landmark_months, path): status at the landmark tenure and follow-up from it, the observations behind marts.retention_landmark
-- Landmark analysis (Anderson, Cain & Gelber 1983): only employments still employed at the landmark
-- (12 or 24 months of tenure) and observed then (landmark within history, on or before as_of)
-- enter; their group is fixed by their status on the landmark day (holding a valid certification;
-- having moved to another role), and survival runs from the landmark. A certification or move that
-- comes later does not change the group, so staying longer cannot earn anyone a better group.
create or replace view core.retention_landmark_subjects as
with dates as (
    select a.as_of, h.history_start from meta.as_of as a, meta.history_start as h
),

landmarks as (
    select * from (values (12, 365), (24, 730)) as l(landmark_months, landmark_days)
),

employments as (
    select
        e.employee_id, e.hire_on, e.org_id, e.termination_on,
        l.landmark_months,
        e.hire_on + l.landmark_days * interval 1 day as landmark_on,
        d.as_of
    from core.employees as e
    join core.position_spells as f on f.employee_id = e.employee_id and f.hire_on = e.hire_on and f.spell_seq = 1
    cross join landmarks as l
    cross join dates as d
    where f.employment_type = 'employee'
        and e.hire_on + l.landmark_days * interval 1 day <= d.as_of
        and e.hire_on + l.landmark_days * interval 1 day >= d.history_start
        -- still employed on the landmark day (a termination on that day has already happened)
        and (e.termination_on is null or e.termination_on > e.hire_on + l.landmark_days * interval 1 day)
),

status as (
    select
        m.*,
        exists (
            select 1 from core.certifications as c
            where c.employee_id = m.employee_id
                and c.certification_code <> 'unmapped'
                and c.valid_from <= m.landmark_on
                and (c.valid_to is null or c.valid_to > m.landmark_on)
        ) as is_certified,
        exists (
            select 1 from core.position_spells as p
            join core.position_spells as q
                on q.employee_id = p.employee_id and q.hire_on = p.hire_on and q.spell_seq = p.spell_seq - 1
            where p.employee_id = m.employee_id and p.hire_on = m.hire_on
                and p.role <> q.role
                and p.start_on <= m.landmark_on
        ) as is_moved
    from employments as m
),

paths as (
    select *, 'certified' as path, is_certified as has_status from status
    union all
    select *, 'moved_role', is_moved from status
),

by_org as (
    select * from paths
    union all
    select * replace ('all' as org_id) from paths
)

select
    cast(org_id as varchar) as org_id,
    cast(landmark_months as integer) as landmark_months,
    cast(path as varchar) as path,
    cast(case when has_status then 'yes' else 'no' end as varchar) as status,
    cast(date_diff('day', landmark_on, least(coalesce(termination_on, as_of), as_of)) as integer) as time_days,
    termination_on is not null and termination_on <= as_of as is_event
from by_org;
