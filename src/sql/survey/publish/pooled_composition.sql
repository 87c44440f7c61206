-- one row per (published peer group, year, measure, category): the category's share of the pooled total (headcount mix by role family, separations by type), rounded to whole percent, null with the rule when it fails
-- The shares of a year add up to 1, so a single withheld share would be 1 minus the published
-- ones: when exactly one category fails, the published one with the smallest share is withheld
-- too (as the workload shares). Counts are not published.
drop table if exists publish.pooled_composition;
create table publish.pooled_composition as
with cells as (
    select
        c.facility_type, c.bed_band, c.region, c.year, c.measure, c.category, c.share, c.suppressed_reason,
        sum(case when c.suppressed_reason is null then 0 else 1 end) over (
            partition by c.facility_type, c.bed_band, c.region, c.year, c.measure
        ) as failing,
        row_number() over (
            partition by c.facility_type, c.bed_band, c.region, c.year, c.measure,
                case when c.suppressed_reason is null then 0 else 1 end
            order by c.share, c.category
        ) as share_rank
    from marts.pooled_composition as c
    join publish.publication_groups as g
        on g.facility_type = c.facility_type and g.bed_band = c.bed_band and g.region = c.region
    where g.suppressed_reason is null
)

select
    facility_type, bed_band, region, year, measure, category,
    case when suppressed_reason is null and not (failing = 1 and share_rank = 1) then round(share, 2) end as share,
    case
        when suppressed_reason is not null then suppressed_reason
        when failing = 1 and share_rank = 1 then 'withheld so that a withheld share cannot be had as 1 minus the published shares'
    end as suppressed_reason
from cells;
