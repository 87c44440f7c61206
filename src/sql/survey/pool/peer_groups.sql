-- one row per peer group (facility_type, bed_band, region, each possibly 'all'): how many organisations it pools, the largest one's share of its average headcount, and whether it may be published
-- FTC/DOJ 1996 statement 6 safety zone, kept as conservative practice: at least min_orgs_benchmark
-- organisations and none above max_org_share_benchmark of the weight. Data age (>= 3 months) is
-- enforced when a contribution is pooled.
drop table if exists survey.peer_groups;
create table survey.peer_groups as
with weights as (
    select r.contribution_id, sum(cast(r.headcount as double)) / count(*) as avg_headcount
    from survey.contribution_rows as r
    where r.table_name = 'headcount_monthly' and r.role_family = 'all'
    group by r.contribution_id
),

by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, count(*) as contributions,
        sum(coalesce(w.avg_headcount, 0)) as weight
    from survey.peer_members as m
    left join weights as w on w.contribution_id = m.contribution_id
    group by m.facility_type, m.bed_band, m.region, m.contributor_id
),

grouped as (
    select facility_type, bed_band, region,
        count(*) as contributors,
        sum(contributions) as contributions,
        max(weight) / nullif(sum(weight), 0) as max_org_share
    from by_contributor
    group by facility_type, bed_band, region
)

select
    g.facility_type,
    g.bed_band,
    g.region,
    cast(g.contributors as integer) as contributors,
    cast(g.contributions as integer) as contributions,
    cast(g.max_org_share as double) as max_org_share,
    case
        when g.contributors < s.min_orgs_benchmark
            then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when g.max_org_share > s.max_org_share_benchmark
            then 'one organisation carries more than ' || cast(cast(round(s.max_org_share_benchmark * 100) as integer) as varchar(20)) || '% of the headcount'
    end as suppressed_reason
from grouped as g
cross join survey.settings as s;
