-- one row per (peer group, group_kind, group_value, event_kind, tenure_month up to 120) with anyone at risk: Kaplan-Meier survival through the end of the tenure month from the summed risk sets and events, with Greenwood's 95% CI on the log scale
-- Exact: the pooled risk set of a month is the sum of the contributions' risk sets, so this is the
-- curve one warehouse holding every contributor's employments would compute at month resolution.
-- S(m) = prod over months k <= m of (1 - d_k / n_k); var(log S) = sum d / (n (n - d)) (Greenwood);
-- CI = S exp(-/+ 1.96 se), upper capped at 1: R survival::survfit's conf.type = "log" (src/sql/macros/kaplan_meier.sql).
drop table if exists marts.pooled_retention_curve;
create table marts.pooled_retention_curve as
-- Each unit's rows summed once (survey.contribution_units). The organisations with a single unit
-- are counted and summed per profile, and those sums copied to the profile's pooled groups; an
-- organisation with units under two profiles is copied unit by unit and summed in each group.
with unit_months as (
    select u.unit_no, u.profile_no, u.unit_count, r.group_kind, r.group_value, r.event_kind, r.tenure_month,
        cast(sum(r.at_risk) as bigint) as at_risk, cast(sum(r.events) as bigint) as events
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    -- ten years of tenure, as marts.retention_curve: S(m) needs only the months up to m
    where r.table_name = 'retention_km' and r.tenure_month <= 120
    group by u.unit_no, u.profile_no, u.unit_count, r.group_kind, r.group_value, r.event_kind, r.tenure_month
),

profile_months as (
    select profile_no, group_kind, group_value, event_kind, tenure_month,
        cast(sum(at_risk) as bigint) as at_risk, cast(sum(events) as bigint) as events,
        cast(sum(case when at_risk > 0 then 1 else 0 end) as bigint) as orgs,
        max(at_risk) as largest_org_at_risk
    from unit_months
    where unit_count = 1
    group by profile_no, group_kind, group_value, event_kind, tenure_month
),

split_org_months as (
    select m.group_no, r.group_kind, r.group_value, r.event_kind, r.tenure_month,
        cast(sum(r.at_risk) as bigint) as at_risk, cast(sum(r.events) as bigint) as events
    from unit_months as r
    join survey.pooled_units as m on m.unit_no = r.unit_no
    where r.unit_count > 1
    group by m.group_no, m.contributor_no, r.group_kind, r.group_value, r.event_kind, r.tenure_month
),

pooled as (
    select group_no, group_kind, group_value, event_kind, tenure_month,
        sum(at_risk) as at_risk,
        sum(events) as events,
        sum(orgs) as orgs,
        max(largest_org_at_risk) as largest_org_at_risk
    from (
        select g.group_no, p.group_kind, p.group_value, p.event_kind, p.tenure_month, p.at_risk, p.events,
            p.orgs, p.largest_org_at_risk
        from profile_months as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select group_no, group_kind, group_value, event_kind, tenure_month, at_risk, events,
            case when at_risk > 0 then 1 else 0 end, at_risk
        from split_org_months
    ) as c
    group by group_no, group_kind, group_value, event_kind, tenure_month
),

steps as (
    select
        g.facility_type, g.bed_band, g.region, p.*,
        -- the hospital's formula (src/sql/macros/kaplan_meier.sql)
        sum(km_log_factor(p.events, p.at_risk)) over (
            partition by p.group_no, p.group_kind, p.group_value, p.event_kind
            order by p.tenure_month rows between unbounded preceding and current row
        ) as log_survival,
        max(case when p.events >= p.at_risk then 1 else 0 end) over (
            partition by p.group_no, p.group_kind, p.group_value, p.event_kind
            order by p.tenure_month rows between unbounded preceding and current row
        ) as is_ended,
        sum(greenwood_term(p.events, p.at_risk)) over (
            partition by p.group_no, p.group_kind, p.group_value, p.event_kind
            order by p.tenure_month rows between unbounded preceding and current row
        ) as greenwood
    from pooled as p
    join survey.pooled_group_ids as g on g.group_no = p.group_no
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
