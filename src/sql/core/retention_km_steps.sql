-- one row per (org_id, group_kind, group_value, event_kind, time_days) where an event or censoring happened: the Kaplan-Meier step function with delayed entry
create or replace table core.retention_km_steps as
-- a subject is at risk at every tenure t with entry_days <= t <= time_days: the day it enters is
-- observed (R's Surv(entry, exit) counts entry < t, so tests/r/km.R enters half a day earlier)
with changes as (
    select org_id, group_kind, group_value, event_kind, time_days, 1 as exits, is_event, 0 as entries
    from core.retention_subjects
    union all
    select org_id, group_kind, group_value, event_kind, entry_days, 0, false, 1
    from core.retention_subjects
    where entry_days > 0
),

times as (
    select
        org_id, group_kind, group_value, event_kind, time_days,
        count(*) filter (where is_event) as events,
        sum(exits) as exits,
        sum(entries) as entries
    from changes
    group by all
),

at_risk as (
    select
        *,
        -- at risk at t: followed until t or later, less those entering after t
        sum(exits - entries) over (
            partition by org_id, group_kind, group_value, event_kind
            order by time_days desc rows between unbounded preceding and current row
        ) + entries as at_risk
    from times
),

-- the curve steps only where someone leaves; entries change the risk set, not the curve
steps as (
    select * from at_risk where exits > 0
)

select
    org_id,
    group_kind,
    group_value,
    event_kind,
    cast(time_days as integer) as time_days,
    cast(at_risk as integer) as at_risk,
    cast(events as integer) as events,
    cast(sum(events) over w as integer) as cumulative_events,
    -- S(t) = prod (1 - d/n), Greenwood's var(log S) = sum d / (n (n - d)): src/sql/macros/kaplan_meier.sql;
    -- a factor of 0 (everyone left at once) ends the curve at 0, where the variance is undefined
    case
        when bool_or(events = at_risk) over w then 0.0
        else exp(sum(km_log_factor(events, at_risk)) over w)
    end as survival,
    case
        when bool_or(events = at_risk) over w then null
        else sqrt(sum(greenwood_term(events, at_risk)) over w)
    end as std_err_log
from steps
window w as (
    partition by org_id, group_kind, group_value, event_kind
    order by time_days rows between unbounded preceding and current row
);
