-- one row per peer group: whether the society may publish it (safety-zone rules, complementary suppression along each profile dimension, no two published groups and no group of an earlier release differing by 1 to min_orgs_benchmark - 1 organisations) and, when it may, how many organisations it pools
-- A group that fails the rules could be had by difference: the parent group (that dimension 'all')
-- minus its published children. When the failing children of a parent pool 1 to
-- min_orgs_benchmark - 1 organisations between them, the published child with the fewest
-- organisations is withheld too; it pools at least min_orgs_benchmark, so one pass is enough.
-- Any two groups, nested or not (500+ beds and academic centres), whose members differ by 1 to
-- min_orgs_benchmark - 1 organisations give those few by difference: of each such pair the group
-- with fewer organisations is withheld (withholding only removes pairs: one pass is enough), and
-- so is a group whose members differ that little from the same group in an earlier release
-- (survey.release_history, which pool reads from the release log: every earlier pooling, of any date).
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
),

ruled as (
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
        on c.facility_type = g.facility_type and c.bed_band = g.bed_band and c.region = g.region
),

members as (
    select distinct r.facility_type || '|' || r.bed_band || '|' || r.region as cell, m.contributor_id
    from ruled as r
    join survey.peer_members as m
        on m.facility_type = r.facility_type and m.bed_band = r.bed_band and m.region = r.region
    where r.suppressed_reason is null
),

sizes as (
    select cell, count(*) as orgs from members group by cell
),

pairs as (
    select a.cell as cell, b.cell as other, count(*) as shared
    from members as a
    join members as b on b.contributor_id = a.contributor_id and b.cell <> a.cell
    group by a.cell, b.cell
),

near_pairs as (
    select p.cell
    from pairs as p
    join sizes as a on a.cell = p.cell
    join sizes as b on b.cell = p.other
    cross join survey.settings as s
    where a.orgs + b.orgs - 2 * p.shared between 1 and s.min_orgs_benchmark - 1
        and (a.orgs < b.orgs or (a.orgs = b.orgs and p.cell > p.other))
),

-- each release of the log apart (two poolings of one date are two releases)
history as (
    select h.release_no, h.released_on, h.cell, count(*) as orgs,
        sum(case when m.contributor_id is not null then 1 else 0 end) as shared
    from survey.release_history as h
    left join members as m on m.cell = h.cell and m.contributor_id = h.contributor_id
    where h.measure = 'peer_group'
    group by h.release_no, h.released_on, h.cell
),

near_releases as (
    select h.cell, max(h.released_on) as released_on
    from history as h
    join sizes as z on z.cell = h.cell
    cross join survey.settings as s
    where z.orgs + h.orgs - 2 * h.shared between 1 and s.min_orgs_benchmark - 1
    group by h.cell
)

select
    r.facility_type,
    r.bed_band,
    r.region,
    case when n.cell is null and h.cell is null then r.contributors end as contributors,
    case
        when r.suppressed_reason is not null then r.suppressed_reason
        when n.cell is not null
            then 'withheld: another published group differs from it by fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when h.cell is not null
            then 'withheld: it differs from the release of ' || cast(h.released_on as varchar(10)) || ' by fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
    end as suppressed_reason
from ruled as r
cross join survey.settings as s
left join (select distinct cell from near_pairs) as n on n.cell = r.facility_type || '|' || r.bed_band || '|' || r.region
left join near_releases as h on h.cell = r.facility_type || '|' || r.bed_band || '|' || r.region;
