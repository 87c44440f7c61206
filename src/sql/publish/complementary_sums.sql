-- one pass of complementary suppression over zeros (public cell layer): in every line whose published total has some of an additive count (people, events, staff FTE), the withheld members must hold some of it too, or the total minus the published members gives back 0, which every withheld member then shares (a small group of whom none left: its row is withheld for its size, its 0 leavers come back). Withhold the published member with the least of that count above 0. A total of 0 is left alone: that no one in the whole line left is published by the total itself, and says no more about a part of it. (One withheld member with a small count is complementary.sql's case.) publish.ts runs it with complementary.sql until neither changes anything.
update work.cells as c
set withheld = true, reason = 'complementary'
from (
    with line_sums as (
        select
            l.mart,
            l.line_id,
            v.column_name,
            coalesce(sum(v.value) filter (where c.withheld and not l.is_total), 0) as withheld_sum,
            count(*) filter (where c.withheld and not l.is_total) as withheld_members,
            bool_or(l.is_total and not c.withheld) as total_published,
            coalesce(sum(v.value) filter (where l.is_total), 0) as total
        from work.lines l
        join work.cells c on c.mart = l.mart and c.row_id = l.row_id and c.layer = 'cell'
        join work.cell_counts v on v.mart = l.mart and v.row_id = l.row_id
        group by all
    ),
    short as (
        select x.*
        from line_sums x
        where x.total_published and x.total > 0 and x.withheld_members > 0 and x.withheld_sum = 0
    ),
    candidates as (
        select
            l.mart,
            l.row_id,
            row_number() over (
                partition by l.mart, l.line_id, x.column_name
                order by v.value, l.row_id
            ) as pick
        from short x
        join work.lines l on l.mart = x.mart and l.line_id = x.line_id
        join work.cells c on c.mart = l.mart and c.row_id = l.row_id and c.layer = 'cell' and not c.withheld
        join work.cell_counts v on v.mart = l.mart and v.row_id = l.row_id and v.column_name = x.column_name
        where not l.is_total and v.value > 0
    )
    select distinct mart, row_id from candidates where pick = 1
) as picked
where c.mart = picked.mart and c.layer = 'cell' and c.row_id = picked.row_id and not c.withheld;
