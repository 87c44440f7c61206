-- one row per (org_id, group_kind, group_value, event_kind, time_days) where an event or censoring happened: the Kaplan-Meier step function
create or replace table core.retention_km_steps as
with times as (
    select
        org_id, group_kind, group_value, event_kind, time_days,
        count(*) filter (where is_event) as events,
        count(*) as leaving
    from core.retention_subjects
    group by all
),

at_risk as (
    select
        *,
        -- at risk at t: everyone whose follow-up lasts at least t days
        sum(leaving) over (
            partition by org_id, group_kind, group_value, event_kind
            order by time_days desc rows between unbounded preceding and current row
        ) as at_risk
    from times
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
    -- S(t) = prod (1 - d/n); a factor of 0 (everyone left at once) ends the curve at 0
    case
        when bool_or(events = at_risk) over w then 0.0
        else exp(sum(case when events < at_risk then ln(1.0 - events / at_risk) end) over w)
    end as survival,
    -- Greenwood: var(log S) = sum d / (n (n - d)); undefined once S reaches 0
    case
        when bool_or(events = at_risk) over w then null
        else sqrt(sum(case when events < at_risk then events / (at_risk * (at_risk - events)) end) over w)
    end as std_err_log
from at_risk
window w as (
    partition by org_id, group_kind, group_value, event_kind
    order by time_days rows between unbounded preceding and current row
);
