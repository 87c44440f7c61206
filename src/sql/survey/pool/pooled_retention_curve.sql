-- one row per (peer group, group_kind, group_value, event_kind, tenure_month up to 120) with anyone at risk: Kaplan-Meier survival through the end of the tenure month from the summed risk sets and events, with Greenwood's 95% CI on the log scale
-- Exact: the pooled risk set of a month is the sum of the contributions' risk sets, so this is the
-- curve one warehouse holding every contributor's employments would compute at month resolution.
-- S(m) = prod over months k <= m of (1 - d_k / n_k); var(log S) = sum d / (n (n - d)) (Greenwood);
-- CI = S exp(-/+ 1.96 se), upper capped at 1: R survival::survfit's conf.type = "log" (src/sql/macros/kaplan_meier.sql).
drop table if exists marts.pooled_retention_curve;
create table marts.pooled_retention_curve as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.group_kind, r.group_value,
        r.event_kind, r.tenure_month, sum(r.at_risk) as at_risk, sum(r.events) as events
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    -- ten years of tenure, as marts.retention_curve: S(m) needs only the months up to m
    where r.table_name = 'retention_km' and r.tenure_month <= 120
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.group_kind, r.group_value,
        r.event_kind, r.tenure_month
),

pooled as (
    select facility_type, bed_band, region, group_kind, group_value, event_kind, tenure_month,
        sum(at_risk) as at_risk,
        sum(events) as events,
        sum(case when at_risk > 0 then 1 else 0 end) as orgs,
        max(at_risk) as largest_org_at_risk
    from by_contributor
    group by facility_type, bed_band, region, group_kind, group_value, event_kind, tenure_month
),

steps as (
    select
        p.*,
        -- the hospital's formula (src/sql/macros/kaplan_meier.sql)
        sum(km_log_factor(events, at_risk)) over (
            partition by facility_type, bed_band, region, group_kind, group_value, event_kind
            order by tenure_month rows between unbounded preceding and current row
        ) as log_survival,
        max(case when events >= at_risk then 1 else 0 end) over (
            partition by facility_type, bed_band, region, group_kind, group_value, event_kind
            order by tenure_month rows between unbounded preceding and current row
        ) as is_ended,
        sum(greenwood_term(events, at_risk)) over (
            partition by facility_type, bed_band, region, group_kind, group_value, event_kind
            order by tenure_month rows between unbounded preceding and current row
        ) as greenwood
    from pooled as p
)

select
    x.facility_type,
    x.bed_band,
    x.region,
    x.group_kind,
    x.group_value,
    x.event_kind,
    cast(x.tenure_month as integer) as tenure_month,
    cast(x.at_risk as integer) as at_risk,
    cast(x.events as integer) as events,
    case when x.is_ended = 1 then 0.0 else exp(x.log_survival) end as survival,
    case when x.is_ended = 1 then null else sqrt(x.greenwood) end as std_err_log,
    case when x.is_ended = 1 then null else km_ci_lower(exp(x.log_survival), sqrt(x.greenwood)) end as ci_lower,
    case when x.is_ended = 1 then null else km_ci_upper(exp(x.log_survival), sqrt(x.greenwood)) end as ci_upper,
    cast(x.orgs as integer) as orgs,
    cast(x.largest_org_at_risk as double) / x.at_risk as max_org_share,
    coalesce(
        multi_org_rule(x.orgs, cast(x.largest_org_at_risk as double) / x.at_risk, s.min_orgs_benchmark, s.max_org_share_benchmark),
        case when x.at_risk < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people at risk' end
    ) as suppressed_reason
from steps as x
cross join survey.settings as s;
