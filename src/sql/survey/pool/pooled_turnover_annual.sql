-- one row per (peer group, year, role_family or 'all'): SHRM turnover from the pooled monthly counts (a month's separations over the mean of its first- and last-day headcount; the year's rate is the sum of its months)
drop table if exists marts.pooled_turnover_annual;
create table marts.pooled_turnover_annual as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.month_start, r.role_family,
        sum(r.headcount_start) as headcount_start,
        sum(r.headcount_end) as headcount_end,
        sum(r.separations) as separations,
        sum(r.voluntary_separations) as voluntary_separations
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'turnover_monthly'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.month_start, r.role_family
),

monthly as (
    select facility_type, bed_band, region, year, month_start, role_family,
        sum(headcount_start) as headcount_start,
        sum(headcount_end) as headcount_end,
        sum(separations) as separations,
        sum(voluntary_separations) as voluntary_separations
    from by_contributor
    group by facility_type, bed_band, region, year, month_start, role_family
),

-- the hospital's formula (src/sql/macros/shrm_turnover.sql) on the pooled monthly counts
annual as (
    select facility_type, bed_band, region, year, role_family,
        avg((headcount_start + headcount_end) / 2.0) as avg_headcount,
        sum(separations) as separations,
        sum(voluntary_separations) as voluntary_separations,
        shrm_annual_rate(separations, headcount_start, headcount_end) as turnover_rate,
        shrm_annual_rate(voluntary_separations, headcount_start, headcount_end) as voluntary_turnover_rate
    from monthly
    group by facility_type, bed_band, region, year, role_family
),

-- an organisation's weight in a year: its share of the summed monthly average headcount
weights as (
    select facility_type, bed_band, region, year, role_family, contributor_id,
        sum(headcount_start + headcount_end) as weight
    from by_contributor
    group by facility_type, bed_band, region, year, role_family, contributor_id
),

shares as (
    select facility_type, bed_band, region, year, role_family,
        sum(case when weight > 0 then 1 else 0 end) as orgs,
        cast(max(weight) as double) / nullif(sum(weight), 0) as max_org_share
    from weights
    group by facility_type, bed_band, region, year, role_family
)

select
    a.facility_type,
    a.bed_band,
    a.region,
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
join shares as w
    on w.facility_type = a.facility_type and w.bed_band = a.bed_band and w.region = a.region
    and w.year = a.year and w.role_family = a.role_family
cross join survey.settings as s;
