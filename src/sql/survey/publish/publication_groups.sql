-- one row per peer group: whether the society may publish it (safety-zone rules, then complementary suppression along each profile dimension) and, when it may, how many organisations it pools
-- A group that fails the rules could be had by difference: the parent group (that dimension 'all')
-- minus its published children. When the failing children of a parent pool 1 to
-- min_orgs_benchmark - 1 organisations between them, the published child with the fewest
-- organisations is withheld too; it pools at least min_orgs_benchmark, so one pass is enough.
drop table if exists publish.publication_groups;
create table publish.publication_groups as
with groups as (
    select g.*, case when g.suppressed_reason is null then 1 else 0 end as passes
    from survey.peer_groups as g
),

-- for each group and each dimension: its parent (the group with that dimension 'all')
children as (
    select 'facility_type' as dimension, g.facility_type, g.bed_band, g.region, 'all' as parent_facility_type,
        g.bed_band as parent_bed_band, g.region as parent_region, g.contributors, g.passes
    from groups as g where g.facility_type <> 'all'
    union all
    select 'bed_band', g.facility_type, g.bed_band, g.region, g.facility_type, 'all', g.region, g.contributors, g.passes
    from groups as g where g.bed_band <> 'all'
    union all
    select 'region', g.facility_type, g.bed_band, g.region, g.facility_type, g.bed_band, 'all', g.contributors, g.passes
    from groups as g where g.region <> 'all'
),

siblings as (
    select c.*,
        sum(case when c.passes = 0 then c.contributors else 0 end) over (
            partition by c.dimension, c.parent_facility_type, c.parent_bed_band, c.parent_region
        ) as hidden_orgs,
        row_number() over (
            partition by c.dimension, c.parent_facility_type, c.parent_bed_band, c.parent_region, c.passes
            order by c.contributors, c.facility_type, c.bed_band, c.region
        ) as size_rank
    from children as c
),

complementary as (
    select distinct s.facility_type, s.bed_band, s.region, s.dimension
    from siblings as s
    cross join survey.settings as t
    where s.passes = 1 and s.size_rank = 1 and s.hidden_orgs > 0 and s.hidden_orgs < t.min_orgs_benchmark
)

select
    g.facility_type,
    g.bed_band,
    g.region,
    -- a withheld group's count is withheld too: it would say which few hospitals took part
    case when g.suppressed_reason is null and c.facility_type is null then g.contributors end as contributors,
    case
        when g.suppressed_reason is not null then g.suppressed_reason
        when c.facility_type is not null
            then 'withheld so that a smaller ' || c.dimension || ' group cannot be had by difference'
    end as suppressed_reason
from groups as g
left join (
    select facility_type, bed_band, region, min(dimension) as dimension from complementary
    group by facility_type, bed_band, region
) as c
    on c.facility_type = g.facility_type and c.bed_band = g.bed_band and c.region = g.region;
