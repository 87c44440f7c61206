-- one row per (org_id, group_kind, group_value, event_kind): Kaplan-Meier survival at 1, 2, 3 and 5 years and median tenure
create or replace table marts.retention_summary as
with groups as (
    -- with delayed entry nobody need be at risk with everyone else, so count the subjects
    select
        org_id, group_kind, group_value, event_kind,
        count(*) as n,
        count(*) filter (where is_event) as events
    from core.retention_subjects
    group by all
),

-- R's median (quantile.survfit): the first time S <= 0.5; when S is exactly 0.5 over an
-- interval, the midpoint between that time and the next drop, or the last follow-up time
median_step as (
    select
        org_id, group_kind, group_value, event_kind,
        min(time_days) filter (where events > 0 and survival < 0.5 - 1e-9) as first_below_days,
        min(time_days) filter (where events > 0 and abs(survival - 0.5) <= 1e-9) as first_half_days,
        max(time_days) as last_days
    from core.retention_km_steps
    group by all
),

median as (
    select
        m.*,
        case
            when m.first_half_days is not null then (m.first_half_days + coalesce(m.first_below_days, m.last_days)) / 2.0
            else m.first_below_days
        end as median_days
    from median_step as m
),

at_years as (
    select
        org_id, group_kind, group_value, event_kind,
        max(survival) filter (where month = 12) as s12,
        max(survival) filter (where month = 24) as s24,
        max(survival) filter (where month = 36) as s36,
        max(survival) filter (where month = 60) as s60
    from marts.retention_curve
    group by all
)

select
    cast(g.org_id as varchar) as org_id,
    cast(g.group_kind as varchar) as group_kind,
    cast(g.group_value as varchar) as group_value,
    cast(g.event_kind as varchar) as event_kind,
    cast(g.n as integer) as n,
    cast(g.events as integer) as events,
    cast(y.s12 as double) as s12,
    cast(y.s24 as double) as s24,
    cast(y.s36 as double) as s36,
    cast(y.s60 as double) as s60,
    cast(m.median_days / 30.4375 as double) as median_tenure_months
from groups as g
left join at_years as y using (org_id, group_kind, group_value, event_kind)
left join median as m using (org_id, group_kind, group_value, event_kind)
order by org_id, group_kind, group_value, event_kind;
