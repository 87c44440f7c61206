-- one row per (published peer group, period 'quarter' or 'year', year, quarter_start (null for a year), domain): the domain's share of the period's pooled in-house hours, null with the rule when the cell fails
-- The one publication rule of workload shares, for quarters and years alike (publish.pooled_workload_share
-- and publish.pooled_workload_share_yearly are its two periods). A period's shares add up to 1, so a
-- single withheld share would be 1 minus the published ones: when exactly one domain of a period fails
-- the rules, the published domain with the smallest share is withheld too (complementary suppression),
-- and the two are known only as a sum.
drop table if exists survey.workload_share_cells;
create table survey.workload_share_cells as
with pooled as (
    select facility_type, bed_band, region, 'quarter' as period, cast(null as integer) as year, quarter_start,
        domain, orgs, share, suppressed_reason
    from marts.pooled_workload_domain_quarterly
    union all
    select facility_type, bed_band, region, 'year', year, cast(null as date), domain, orgs, share, suppressed_reason
    from marts.pooled_workload_domain_yearly
),

cells as (
    select
        w.facility_type, w.bed_band, w.region, w.period, w.year, w.quarter_start, w.domain, w.orgs, w.share,
        w.suppressed_reason,
        sum(case when w.suppressed_reason is null then 0 else 1 end) over (
            partition by w.facility_type, w.bed_band, w.region, w.period, w.year, w.quarter_start
        ) as failing,
        row_number() over (
            partition by w.facility_type, w.bed_band, w.region, w.period, w.year, w.quarter_start,
                case when w.suppressed_reason is null then 0 else 1 end
            order by w.share, w.domain
        ) as share_rank
    from pooled as w
    join publish.publication_groups as g
        on g.facility_type = w.facility_type and g.bed_band = w.bed_band and g.region = w.region
    where g.suppressed_reason is null and w.domain <> 'all'
),

ruled as (
    select c.*,
        case
            when c.suppressed_reason is not null then c.suppressed_reason
            when c.failing = 1 and c.share_rank = 1
                then 'withheld so that a withheld domain cannot be had as 1 minus the published shares'
        end as published_reason
    from cells as c
)

select
    r.facility_type, r.bed_band, r.region, r.period, r.year, r.quarter_start, r.domain, r.orgs,
    case when r.published_reason is null then r.share end as share,
    r.published_reason as suppressed_reason
from ruled as r;
