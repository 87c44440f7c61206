-- one row per (peer group, month_start, role_family or 'all'): pooled headcount and FTE, the sums of the contributions' counts, with the rules that decide whether the cell may be published
drop table if exists marts.pooled_headcount_monthly;
create table marts.pooled_headcount_monthly as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.month_start, r.role_family,
        sum(r.headcount) as headcount, sum(r.fte) as fte
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'headcount_monthly'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.month_start, r.role_family
),

pooled as (
    select facility_type, bed_band, region, month_start, role_family,
        sum(headcount) as headcount,
        sum(fte) as fte,
        sum(case when headcount > 0 then 1 else 0 end) as orgs,
        max(headcount) as largest_org_headcount
    from by_contributor
    group by facility_type, bed_band, region, month_start, role_family
)

select
    p.facility_type,
    p.bed_band,
    p.region,
    p.month_start,
    p.role_family,
    cast(p.headcount as integer) as headcount,
    cast(p.fte as double) as fte,
    cast(p.orgs as integer) as orgs,
    cast(p.largest_org_headcount as double) / nullif(p.headcount, 0) as max_org_share,
    coalesce(
        multi_org_rule(p.orgs, cast(p.largest_org_headcount as double) / p.headcount, s.min_orgs_benchmark, s.max_org_share_benchmark),
        case when p.headcount < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people' end
    ) as suppressed_reason
from pooled as p
cross join survey.settings as s;
