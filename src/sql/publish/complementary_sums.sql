-- one pass of complementary suppression over sums (public cell layer): in every line whose published total has some of an additive count (people, events, staff FTE), the withheld members are together one group, the union of theirs, whose count is the total minus the published members. It must hold at least min_cell_public of the count, or that subtraction gives back a small count (a 0 with some in the total shows that none of the withheld groups has any: a small group of whom none left, its 0 leavers come back). Withhold one more member per line and pass: the published member with some of the most short counts, the smallest of them (fewest people) first, so one cell mends several counts where it can. When no published member has any of a short count, the total minus the members is the total itself: withhold the total (a total under min_cell_public is withheld for its size already, so this is a guard). A total of 0 is left alone: that no one in the whole line left is published by the total itself, and says no more about a part of it. (One withheld member is complementary.sql's case too.) publish.ts runs it with complementary.sql until neither changes anything.
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
        from line_sums x, work.settings s
        where x.total_published and x.total > 0 and x.withheld_members > 0 and x.withheld_sum < s.min_cell_public
    ),
    -- published members with some of a short count, and how many of their line's short counts they hold
    members as (
        select l.mart, l.line_id, l.row_id, c.size, count(*) as mends
        from short x
        join work.lines l on l.mart = x.mart and l.line_id = x.line_id and not l.is_total
        join work.cells c on c.mart = l.mart and c.row_id = l.row_id and c.layer = 'cell' and not c.withheld
        join work.cell_counts v on v.mart = l.mart and v.row_id = l.row_id and v.column_name = x.column_name
        where v.value > 0
        group by all
    ),
    picked_members as (
        select mart, row_id
        from members
        qualify row_number() over (partition by mart, line_id order by mends desc, size, row_id) = 1
    ),
    -- a short count no published member holds any of
    bare as (
        select x.mart, x.line_id
        from short x
        where not exists (
            select 1
            from work.lines l
            join work.cells c on c.mart = l.mart and c.row_id = l.row_id and c.layer = 'cell' and not c.withheld
            join work.cell_counts v on v.mart = l.mart and v.row_id = l.row_id and v.column_name = x.column_name
            where l.mart = x.mart and l.line_id = x.line_id and not l.is_total and v.value > 0
        )
    ),
    picked_totals as (
        select distinct l.mart, l.row_id
        from bare b
        join work.lines l on l.mart = b.mart and l.line_id = b.line_id and l.is_total
    )
    select mart, row_id from picked_members
    union
    select mart, row_id from picked_totals
) as picked
where c.mart = picked.mart and c.layer = 'cell' and c.row_id = picked.row_id and not c.withheld;
