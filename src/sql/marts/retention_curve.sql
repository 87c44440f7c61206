-- one row per (org_id, group_kind, group_value, event_kind, month): Kaplan-Meier survival from hire at month × 30.4375 days, up to the longest follow-up (at most 120 months)
create or replace table marts.retention_curve as
with groups as (
    select
        org_id, group_kind, group_value, event_kind,
        -- like R's summary(survfit, times = ...), no estimate past the last observed time
        least(120, floor(max(time_days) / 30.4375)) as last_month
    from core.retention_km_steps
    group by all
),

grid as (
    select g.org_id, g.group_kind, g.group_value, g.event_kind, cast(m.month as integer) as month,
        m.month * 30.4375 as time_days
    from groups as g,
        generate_series(0, cast(g.last_month as bigint)) as m(month)
),

-- the step in force at t (last time <= t) gives S(t); the first time >= t gives the number at risk
at_t as (
    select
        g.*,
        coalesce(s.survival, 1.0) as survival,
        coalesce(s.std_err_log, case when s.time_days is null then 0.0 end) as std_err_log,
        coalesce(s.cumulative_events, 0) as cumulative_events
    from grid as g
    asof left join core.retention_km_steps as s
        on s.org_id = g.org_id and s.group_kind = g.group_kind and s.group_value = g.group_value
        and s.event_kind = g.event_kind and s.time_days <= g.time_days
),

with_risk as (
    select a.*, r.at_risk
    from at_t as a
    asof left join (
        select org_id, group_kind, group_value, event_kind, -time_days as neg_time_days, at_risk
        from core.retention_km_steps
    ) as r
        on r.org_id = a.org_id and r.group_kind = a.group_kind and r.group_value = a.group_value
        and r.event_kind = a.event_kind and r.neg_time_days <= -a.time_days
)

select
    cast(org_id as varchar) as org_id,
    cast(group_kind as varchar) as group_kind,
    cast(group_value as varchar) as group_value,
    cast(event_kind as varchar) as event_kind,
    cast(month as integer) as month,
    cast(at_risk as integer) as at_risk,
    -- events since the previous month shown (for month 0: on the day of hire)
    cast(cumulative_events - coalesce(lag(cumulative_events) over (
        partition by org_id, group_kind, group_value, event_kind order by month
    ), 0) as integer) as events,
    cast(survival as double) as survival,
    -- 95% CI on the log scale, R survfit's default conf.type = "log", capped at 1 (src/sql/macros/kaplan_meier.sql)
    cast(km_ci_lower(survival, std_err_log) as double) as ci_lower,
    cast(km_ci_upper(survival, std_err_log) as double) as ci_upper
from with_risk
order by org_id, group_kind, group_value, event_kind, month;
