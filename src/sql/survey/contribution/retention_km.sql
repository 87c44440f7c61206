-- one row per (group_kind, group_value, event_kind, tenure_month) with anyone at risk: the Kaplan-Meier risk set and events in whole months of tenure, which sum exactly across organisations
-- The subjects are core.retention_subjects' employments with the period as the observation window
-- (delayed entry at period_start, censoring at period_end). Tenure is binned to months of
-- 30.4375 days: a subject is at risk in every month from the one it enters to the one it leaves,
-- and an event counts in the month it leaves. Day-level steps would let a society read one
-- person's tenure to the day; month bins pool exactly and say less.
create or replace temp table contribution_retention_km as
with scope as (
    select * from contribution_scope
),

first_spells as (
    select employee_id, hire_on, role_family, employment_type
    from core.position_spells
    where spell_seq = 1
),

employments as (
    select
        coalesce(f.role_family, 'unknown') as role_family,
        e.termination_on is not null and e.termination_on <= s.period_end as is_separated,
        e.is_voluntary,
        greatest(0, date_diff('day', e.hire_on, s.period_start)) as entry_days,
        date_diff('day', e.hire_on, least(coalesce(e.termination_on, s.period_end), s.period_end)) as time_days
    from core.employees as e
    cross join scope as s
    left join first_spells as f on f.employee_id = e.employee_id and f.hire_on = e.hire_on
    where e.org_id = s.org_id
        and e.hire_on <= s.period_end
        and coalesce(f.employment_type, 'employee') = 'employee'
        and least(coalesce(e.termination_on, s.period_end), s.period_end) >= s.period_start
),

subjects as (
    select
        g.group_kind,
        g.group_value,
        k.event_kind,
        cast(floor(entry_days / 30.4375) as integer) as entry_month,
        cast(floor(time_days / 30.4375) as integer) as exit_month,
        case when k.event_kind = 'any' then is_separated else is_separated and coalesce(is_voluntary, false) end
            as is_event
    from employments
    cross join lateral (values ('all', 'all'), ('role_family', role_family)) as g(group_kind, group_value)
    cross join (values ('any'), ('voluntary')) as k(event_kind)
),

months as (
    select cast(m as integer) as tenure_month
    from generate_series(0, (select coalesce(max(exit_month), 0) from subjects)) as t(m)
)

select
    s.group_kind,
    s.group_value,
    s.event_kind,
    m.tenure_month,
    cast(count(*) as integer) as at_risk,
    cast(count(*) filter (where s.is_event and s.exit_month = m.tenure_month) as integer) as events
from subjects as s
join months as m on s.entry_month <= m.tenure_month and m.tenure_month <= s.exit_month
group by all;
