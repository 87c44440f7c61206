-- one row per (measure, cell) withheld because its organisations differ by 1 to min_orgs_benchmark - 1 from another cell of the same measure in this release, or from the same cell in an earlier release: the reason it says
-- Of a near pair in this release the cell with fewer organisations is withheld (ties: the later
-- cell name), so every near pair loses a member and one pass is enough. Against earlier releases
-- (survey.release_history: every earlier pooling, of any date) the new cell is withheld: what was
-- published stays published.
-- Two cells differ by |A| + |B| - 2 |A and B| organisations. At 1,000 contributions a measure has
-- hundreds of cells of similar sizes, so the organisations two cells share are counted from the
-- cells each organisation is in (at most eight peer groups per measure), never by joining every
-- pair of cells' members; and on integer keys, not the long text of the measure.
drop table if exists survey.release_withheld;
create table survey.release_withheld as
-- integer keys, numbered in the order of the text they stand for (a tie goes to the later cell name)
with measures as (
    select measure, row_number() over (order by measure) as measure_key
    from (select distinct measure from survey.release_cells where measure <> 'peer_group') as d
),

places as (
    select cell, row_number() over (order by cell) as cell_key
    from (select distinct cell from survey.release_cells where measure <> 'peer_group') as d
),

contributors as (
    select contributor_id, row_number() over (order by contributor_id) as contributor_key
    from (select distinct contributor_id from survey.release_cells where measure <> 'peer_group') as d
),

members as (
    select m.measure_key, p.cell_key, c.contributor_key
    from survey.release_cells as r
    join measures as m on m.measure = r.measure
    join places as p on p.cell = r.cell
    join contributors as c on c.contributor_id = r.contributor_id
),

sizes as (
    select measure_key, cell_key, count(*) as orgs
    from members
    group by measure_key, cell_key
),

-- two cells 1 to min_orgs_benchmark - 1 organisations apart are that close in size, so they fall in
-- the same band of min_orgs_benchmark sizes or in neighbouring bands: only those pairs are counted
banded as (
    select m.measure_key, m.cell_key, m.contributor_key, z.orgs,
        cast(floor(z.orgs / s.min_orgs_benchmark) as integer) as band
    from members as m
    join sizes as z on z.measure_key = m.measure_key and z.cell_key = m.cell_key
    cross join survey.settings as s
),

-- each member row looks for the other cells of its measure and organisation in its own band (the
-- pair once, from its earlier cell) and in the band above (the pair once, from its smaller cell)
probes as (
    select measure_key, cell_key, contributor_key, orgs, band, 0 as up from banded
    union all
    select measure_key, cell_key, contributor_key, orgs, band + 1, 1 from banded
),

shared as (
    select x.measure_key, x.cell_key as a_key, y.cell_key as b_key, x.orgs as a_orgs, y.orgs as b_orgs,
        count(*) as shared
    from probes as x
    join banded as y
        on y.measure_key = x.measure_key and y.contributor_key = x.contributor_key and y.band = x.band
    cross join survey.settings as s
    where (x.up = 1 or y.cell_key > x.cell_key)
        and x.orgs - y.orgs between 1 - s.min_orgs_benchmark and s.min_orgs_benchmark - 1
    group by x.measure_key, x.cell_key, y.cell_key, x.orgs, y.orgs
),

-- cells that share nobody differ by their sizes added up: near only when both are tiny
disjoint as (
    select a.measure_key, a.cell_key as a_key, b.cell_key as b_key, a.orgs as a_orgs, b.orgs as b_orgs,
        0 as shared
    from sizes as a
    join sizes as b on b.measure_key = a.measure_key and b.cell_key > a.cell_key
    cross join survey.settings as s
    where a.orgs <= s.min_orgs_benchmark - 2 and b.orgs <= s.min_orgs_benchmark - 2
        and a.orgs + b.orgs <= s.min_orgs_benchmark - 1
),

pairs as (
    select measure_key, a_key, b_key, a_orgs, b_orgs, sum(shared) as shared
    from (
        select measure_key, a_key, b_key, a_orgs, b_orgs, shared from shared
        union all
        select measure_key, a_key, b_key, a_orgs, b_orgs, shared from disjoint
    ) as u
    group by measure_key, a_key, b_key, a_orgs, b_orgs
),

near_pairs as (
    select distinct p.measure_key,
        case
            when p.a_orgs < p.b_orgs then p.a_key
            when p.b_orgs < p.a_orgs then p.b_key
            when p.a_key > p.b_key then p.a_key
            else p.b_key
        end as cell_key
    from pairs as p
    cross join survey.settings as s
    where p.a_orgs + p.b_orgs - 2 * p.shared between 1 and s.min_orgs_benchmark - 1
),

-- each release of the log apart (two poolings of one date are two releases); a cell of an earlier
-- release that is not a cell of this one has nothing to be compared with
released as (
    select h.release_no, h.released_on, m.measure_key, p.cell_key, c.contributor_key
    from survey.release_history as h
    join measures as m on m.measure = h.measure
    join places as p on p.cell = h.cell
    left join contributors as c on c.contributor_id = h.contributor_id
),

-- only a cell whose size changed by less than min_orgs_benchmark can be that close to its earlier
-- release: only those count the organisations they share with it
compared as (
    select r.release_no, r.released_on, r.measure_key, r.cell_key, r.released_orgs, z.orgs
    from (
        select release_no, released_on, measure_key, cell_key, count(*) as released_orgs
        from released
        group by release_no, released_on, measure_key, cell_key
    ) as r
    join sizes as z on z.measure_key = r.measure_key and z.cell_key = r.cell_key
    cross join survey.settings as s
    where r.released_orgs - z.orgs between 1 - s.min_orgs_benchmark and s.min_orgs_benchmark - 1
),

kept as (
    select c.release_no, c.released_on, c.measure_key, c.cell_key, count(*) as shared
    from compared as c
    join released as r
        on r.release_no = c.release_no and r.released_on = c.released_on
        and r.measure_key = c.measure_key and r.cell_key = c.cell_key
    join members as m
        on m.measure_key = r.measure_key and m.cell_key = r.cell_key and m.contributor_key = r.contributor_key
    group by c.release_no, c.released_on, c.measure_key, c.cell_key
),

near_releases as (
    select c.measure_key, c.cell_key, max(c.released_on) as released_on
    from compared as c
    left join kept as k
        on k.release_no = c.release_no and k.released_on = c.released_on
        and k.measure_key = c.measure_key and k.cell_key = c.cell_key
    cross join survey.settings as s
    where c.orgs + c.released_orgs - 2 * coalesce(k.shared, 0) between 1 and s.min_orgs_benchmark - 1
    group by c.measure_key, c.cell_key
)

select m.measure, p.cell,
    'withheld: another published cell differs from it by fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations' as reason
from near_pairs as n
join measures as m on m.measure_key = n.measure_key
join places as p on p.cell_key = n.cell_key
cross join survey.settings as s
union all
select m.measure, p.cell,
    'withheld: it differs from the release of ' || cast(r.released_on as varchar(10)) || ' by fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
from near_releases as r
join measures as m on m.measure_key = r.measure_key
join places as p on p.cell_key = r.cell_key
cross join survey.settings as s
where not exists (select 1 from near_pairs as n where n.measure_key = r.measure_key and n.cell_key = r.cell_key);
