-- one row per (employment, org_id, group_kind, event_kind): the Kaplan-Meier observations (delayed entry, exit) behind retention_curve and retention_summary
-- A view, not a table: 16 rows per employment (every org and 'all', four groupings, two event
-- kinds), 3.2 M rows for a 200,000-employee export, cost more to write than the few readers take
-- to recompute them. Per person, so it stays in core: marts publish only the curves.
create or replace view core.retention_subjects as
with dates as (
    select a.as_of, h.history_start from meta.as_of as a, meta.history_start as h
),

first_spells as (
    select employee_id, hire_on, role_family, employment_type
    from core.position_spells
    where spell_seq = 1
),

-- certified: held a mapped certification that was valid at some point in the first year after hire
certified as (
    select distinct e.employee_id, e.hire_on
    from core.employees as e
    join core.certifications as c
        on c.employee_id = e.employee_id
        and c.certification_code <> 'unmapped'
        and c.valid_from < e.hire_on + interval 365 day
        and (c.valid_to is null or c.valid_to > e.hire_on)
),

-- moved internally: a change of role (not just of title) that started within two years of hire
moved as (
    select distinct employee_id, hire_on
    from (
        select *, lag(role) over (partition by employee_id, hire_on order by spell_seq) as previous_role
        from core.position_spells
    )
    where previous_role is not null
        and role <> previous_role
        and start_on < hire_on + interval 730 day
),

employments as (
    select
        e.employee_id,
        e.hire_on,
        e.org_id,
        coalesce(f.role_family, 'unknown') as role_family,
        c.employee_id is not null as is_certified,
        m.employee_id is not null as is_moved,
        -- censored at as_of: a termination after as_of has not happened yet
        e.termination_on is not null and e.termination_on <= a.as_of as is_separated,
        e.is_voluntary,
        -- delayed entry (left truncation): someone hired before history_start is observed only
        -- from that day, at the tenure reached then; counting them from hire would credit the
        -- export's survivors with years in which their leaving colleagues are missing
        greatest(0, date_diff('day', e.hire_on, a.history_start)) as entry_days,
        date_diff('day', e.hire_on, least(coalesce(e.termination_on, a.as_of), a.as_of)) as time_days
    from core.employees as e
    cross join dates as a
    left join first_spells as f on f.employee_id = e.employee_id and f.hire_on = e.hire_on
    left join certified as c on c.employee_id = e.employee_id and c.hire_on = e.hire_on
    left join moved as m on m.employee_id = e.employee_id and m.hire_on = e.hire_on
    where e.hire_on <= a.as_of
        and coalesce(f.employment_type, 'employee') = 'employee'
        -- ended before history_start: the export keeps only some of these, so none count
        and least(coalesce(e.termination_on, a.as_of), a.as_of) >= a.history_start
),

grouped as (
    select *, 'all' as group_kind, 'all' as group_value from employments
    union all
    select *, 'role_family', role_family from employments
    union all
    select *, 'certified', case when is_certified then 'yes' else 'no' end from employments
    union all
    select *, 'moved_internally', case when is_moved then 'yes' else 'no' end from employments
),

by_org as (
    select * from grouped
    union all
    select * replace ('all' as org_id) from grouped
)

select
    cast(org_id as varchar) as org_id,
    cast(group_kind as varchar) as group_kind,
    cast(group_value as varchar) as group_value,
    cast(k.event_kind as varchar) as event_kind,
    cast(entry_days as integer) as entry_days,
    cast(time_days as integer) as time_days,
    -- voluntary curves treat every other separation as censored at its date
    case when k.event_kind = 'any' then is_separated else is_separated and is_voluntary end as is_event
from by_org
cross join (values ('any'), ('voluntary')) as k(event_kind);
