-- one row per (peer group, year, role_family or 'all'): SHRM turnover from the pooled monthly counts (a month's separations over the mean of its first- and last-day headcount; the year's rate is the sum of its months)
drop table if exists marts.pooled_turnover_annual;
create table marts.pooled_turnover_annual as
-- Each unit's months summed once (survey.contribution_units), then per profile, and the profile's
-- sums copied to its pooled groups. The organisations' weights likewise: those with a single unit
-- counted per profile, one with units under two profiles summed in each group.
with unit_months as (
    select u.unit_no, u.profile_no, u.unit_count, r.year, r.month_start, r.role_family,
        cast(sum(r.headcount_start) as bigint) as headcount_start,
        cast(sum(r.headcount_end) as bigint) as headcount_end,
        cast(sum(r.separations) as bigint) as separations,
        cast(sum(r.voluntary_separations) as bigint) as voluntary_separations
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'turnover_monthly'
    group by u.unit_no, u.profile_no, u.unit_count, r.year, r.month_start, r.role_family
),

profile_months as (
    select profile_no, year, month_start, role_family,
        cast(sum(headcount_start) as bigint) as headcount_start,
        cast(sum(headcount_end) as bigint) as headcount_end,
        cast(sum(separations) as bigint) as separations,
        cast(sum(voluntary_separations) as bigint) as voluntary_separations
    from unit_months
    group by profile_no, year, month_start, role_family
),

monthly as (
    select g.group_no, p.year, p.month_start, p.role_family,
        sum(p.headcount_start) as headcount_start,
        sum(p.headcount_end) as headcount_end,
        sum(p.separations) as separations,
        sum(p.voluntary_separations) as voluntary_separations
    from profile_months as p
    join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
    group by g.group_no, p.year, p.month_start, p.role_family
),

-- the hospital's formula (src/sql/macros/shrm_turnover.sql) on the pooled monthly counts
annual as (
    select group_no, year, role_family,
        avg((headcount_start + headcount_end) / 2.0) as avg_headcount,
        sum(separations) as separations,
        sum(voluntary_separations) as voluntary_separations,
        shrm_annual_rate(separations, headcount_start, headcount_end) as turnover_rate,
        shrm_annual_rate(voluntary_separations, headcount_start, headcount_end) as voluntary_turnover_rate
    from monthly
    group by group_no, year, role_family
),

-- an organisation's weight in a year: its share of the summed monthly average headcount
unit_weights as (
    select unit_no, profile_no, unit_count, year, role_family,
        cast(sum(headcount_start + headcount_end) as bigint) as weight
    from unit_months
    group by unit_no, profile_no, unit_count, year, role_family
),

profile_weights as (
    select profile_no, year, role_family, cast(sum(weight) as bigint) as weight,
        cast(sum(case when weight > 0 then 1 else 0 end) as bigint) as orgs, max(weight) as largest_weight
    from unit_weights
    where unit_count = 1
    group by profile_no, year, role_family
),

split_org_weights as (
    select m.group_no, w.year, w.role_family, cast(sum(w.weight) as bigint) as weight
    from unit_weights as w
    join survey.pooled_units as m on m.unit_no = w.unit_no
    where w.unit_count > 1
    group by m.group_no, m.contributor_no, w.year, w.role_family
),

shares as (
    select group_no, year, role_family,
        sum(orgs) as orgs,
        cast(max(largest_weight) as double) / nullif(sum(weight), 0) as max_org_share
    from (
        select g.group_no, p.year, p.role_family, p.weight, p.orgs, p.largest_weight
        from profile_weights as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select group_no, year, role_family, weight, case when weight > 0 then 1 else 0 end, weight
        from split_org_weights
    ) as w
    group by group_no, year, role_family
)

select
    g.facility_type,
    g.bed_band,
    g.region,
    a.year,
    a.role_family,
    cast(a.avg_headcount as double) as avg_headcount,
    cast(a.separations as integer) as separations,
    cast(a.voluntary_separations as integer) as voluntary_separations,
    cast(a.turnover_rate as double) as turnover_rate,
    cast(a.voluntary_turnover_rate as double) as voluntary_turnover_rate,
    cast(w.orgs as integer) as orgs,
    w.max_org_share,
    coalesce(
        multi_org_rule(w.orgs, w.max_org_share, s.min_orgs_benchmark, s.max_org_share_benchmark),
        case when a.avg_headcount < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people' end
    ) as suppressed_reason
from annual as a
join shares as w on w.group_no = a.group_no and w.year = a.year and w.role_family = a.role_family
join survey.pooled_group_ids as g on g.group_no = a.group_no
cross join survey.settings as s;
