-- one row per (published peer group, year, domain): the domain's share of pooled in-house hours only (no hours, which could be differenced across groups), null with the rule when a cell fails
-- A year's shares add up to 1, so a single withheld share would be 1 minus the published ones:
-- when exactly one domain of a year fails the rules, the published domain with the smallest
-- share is withheld too (complementary suppression), and the two are known only as a sum.
drop table if exists publish.pooled_workload_share_yearly;
create table publish.pooled_workload_share_yearly as
with cells as (
    select
        w.facility_type, w.bed_band, w.region, w.year, w.domain, w.orgs, w.share, w.suppressed_reason,
        sum(case when w.suppressed_reason is null then 0 else 1 end) over (
            partition by w.facility_type, w.bed_band, w.region, w.year
        ) as failing,
        row_number() over (
            partition by w.facility_type, w.bed_band, w.region, w.year,
                case when w.suppressed_reason is null then 0 else 1 end
            order by w.share, w.domain
        ) as share_rank
    from marts.pooled_workload_domain_yearly as w
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
    r.facility_type, r.bed_band, r.region, r.year, r.domain, r.orgs,
    case when r.published_reason is null then r.share end as share,
    r.published_reason as suppressed_reason
from ruled as r;
