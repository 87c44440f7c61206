-- one row per org_id ('all' = every organisation), landmark_months (12, 24), path ('certified', 'moved_role') and status ('yes', 'no' on the landmark day): people at the landmark, separations after it, and Kaplan-Meier survival 12 and 24 months after the landmark with 95% CIs
-- Survival from the landmark (core.retention_landmark_subjects), Greenwood variance, CI on the log
-- scale: R's survfit(Surv(time, event) ~ 1) defaults, read like summary(fit, times = 365.25 and
-- 730.5 days). No estimate past the group's last follow-up (null then). has_enough_people: at least
-- 10 people at the landmark and 5 separations after it, the least a comparison is headlined on.
create or replace table marts.retention_landmark as
with times as (
    select org_id, landmark_months, path, status, time_days,
        count(*) as exits,
        count(*) filter (where is_event) as events
    from core.retention_landmark_subjects
    group by all
),

steps as (
    select
        *,
        sum(exits) over (
            partition by org_id, landmark_months, path, status
            order by time_days desc rows between unbounded preceding and current row
        ) as at_risk
    from times
),

curve as (
    select
        *,
        case
            when bool_or(events = at_risk) over w then 0.0
            else exp(sum(case when events < at_risk then ln(1.0 - events / at_risk) end) over w)
        end as survival,
        case
            when bool_or(events = at_risk) over w then null
            else sqrt(coalesce(sum(case when events < at_risk then events / (at_risk * (at_risk - events)) end) over w, 0))
        end as std_err_log
    from steps
    window w as (
        partition by org_id, landmark_months, path, status
        order by time_days rows between unbounded preceding and current row
    )
),

groups as (
    select org_id, landmark_months, path, status,
        sum(exits) as people, sum(events) as separations, max(time_days) as last_time_days
    from times
    group by all
),

horizons as (
    select * from (values (12, 365.25), (24, 730.5)) as h(after_months, after_days)
),

at_horizon as (
    select g.*, h.after_months,
        case when h.after_days <= g.last_time_days then coalesce(c.survival, 1.0) end as survival,
        case when h.after_days <= g.last_time_days then coalesce(c.std_err_log, 0.0) end as std_err_log
    from groups as g
    cross join horizons as h
    asof left join curve as c
        on c.org_id = g.org_id and c.landmark_months = g.landmark_months and c.path = g.path
        and c.status = g.status and c.time_days <= h.after_days
)

select
    cast(org_id as varchar) as org_id,
    cast(landmark_months as integer) as landmark_months,
    cast(path as varchar) as path,
    cast(status as varchar) as status,
    cast(any_value(people) as integer) as people,
    cast(any_value(separations) as integer) as separations,
    cast(max(survival) filter (where after_months = 12) as double) as survival_12,
    cast(max(case when after_months = 12 and survival > 0 then survival * exp(-1.959963984540054 * std_err_log) end) as double) as ci_lower_12,
    cast(max(case when after_months = 12 and survival > 0 then least(1.0, survival * exp(1.959963984540054 * std_err_log)) end) as double) as ci_upper_12,
    cast(max(survival) filter (where after_months = 24) as double) as survival_24,
    cast(max(case when after_months = 24 and survival > 0 then survival * exp(-1.959963984540054 * std_err_log) end) as double) as ci_lower_24,
    cast(max(case when after_months = 24 and survival > 0 then least(1.0, survival * exp(1.959963984540054 * std_err_log)) end) as double) as ci_upper_24,
    any_value(people) >= 10 and any_value(separations) >= 5 as has_enough_people
from at_horizon
group by org_id, landmark_months, path, status
order by org_id, landmark_months, path, status;
