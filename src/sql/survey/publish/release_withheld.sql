-- one row per (measure, cell) withheld because its organisations differ by 1 to min_orgs_benchmark - 1 from another cell of the same measure in this release, or from the same cell in an earlier release: the reason it says
-- Of a near pair in this release the cell with fewer organisations is withheld (ties: the later
-- cell name), so every near pair loses a member and one pass is enough. Against earlier releases
-- (survey.release_history: every earlier pooling, of any date) the new cell is withheld: what was
-- published stays published.
drop table if exists survey.release_withheld;
create table survey.release_withheld as
with sizes as (
    select measure, cell, count(*) as orgs
    from survey.release_cells
    where measure <> 'peer_group'
    group by measure, cell
),

-- two cells can be 1 to 4 organisations apart only if their sizes are: only those pairs count
-- their shared organisations
candidate_pairs as (
    select a.measure, a.cell, b.cell as other, a.orgs, b.orgs as other_orgs
    from sizes as a
    join sizes as b on b.measure = a.measure and b.cell <> a.cell
    cross join survey.settings as s
    where abs(a.orgs - b.orgs) <= s.min_orgs_benchmark - 1
),

pairs as (
    select p.measure, p.cell, p.other, p.orgs, p.other_orgs, count(*) as shared
    from candidate_pairs as p
    join survey.release_cells as x on x.measure = p.measure and x.cell = p.cell
    join survey.release_cells as y
        on y.measure = p.measure and y.cell = p.other and y.contributor_id = x.contributor_id
    group by p.measure, p.cell, p.other, p.orgs, p.other_orgs
),

near_pairs as (
    select distinct p.measure, p.cell
    from pairs as p
    cross join survey.settings as s
    where p.orgs + p.other_orgs - 2 * p.shared between 1 and s.min_orgs_benchmark - 1
        and (p.orgs < p.other_orgs or (p.orgs = p.other_orgs and p.cell > p.other))
),

-- each release of the log apart (two poolings of one date are two releases)
history as (
    select h.release_no, h.released_on, h.measure, h.cell, count(*) as orgs,
        sum(case when c.contributor_id is not null then 1 else 0 end) as shared
    from survey.release_history as h
    left join survey.release_cells as c
        on c.measure = h.measure and c.cell = h.cell and c.contributor_id = h.contributor_id
    where h.measure <> 'peer_group'
    group by h.release_no, h.released_on, h.measure, h.cell
),

near_releases as (
    select h.measure, h.cell, max(h.released_on) as released_on
    from history as h
    join sizes as z on z.measure = h.measure and z.cell = h.cell
    cross join survey.settings as s
    where z.orgs + h.orgs - 2 * h.shared between 1 and s.min_orgs_benchmark - 1
    group by h.measure, h.cell
)

select n.measure, n.cell,
    'withheld: another published cell differs from it by fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations' as reason
from near_pairs as n
cross join survey.settings as s
union all
select r.measure, r.cell,
    'withheld: it differs from the release of ' || cast(r.released_on as varchar(10)) || ' by fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
from near_releases as r
cross join survey.settings as s
where not exists (select 1 from near_pairs as n where n.measure = r.measure and n.cell = r.cell);
