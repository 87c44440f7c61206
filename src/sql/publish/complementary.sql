-- one pass of complementary suppression over work.cells and work.lines: in every line (the cells of one margin, members and their total, or the years of one series) where exactly one cell of a layer is withheld, withhold the smallest other cell with people in it (the total always qualifies), so no subtraction of published cells recovers a withheld one. publish.ts runs it until it changes nothing.
update work.cells as c
set withheld = true, reason = 'complementary'
from (
    with line_state as (
        select l.mart, c.layer, l.line_id
        from work.lines l
        join work.cells c on c.mart = l.mart and c.row_id = l.row_id
        group by all
        having count(*) filter (where c.withheld) = 1
    ),
    candidates as (
        select
            l.mart,
            s.layer,
            l.row_id,
            row_number() over (partition by l.mart, s.layer, l.line_id order by c.size, l.row_id) as pick
        from work.lines l
        join line_state s on s.mart = l.mart and s.line_id = l.line_id
        join work.cells c on c.mart = l.mart and c.layer = s.layer and c.row_id = l.row_id
        where not c.withheld and c.size > 0
    )
    select distinct mart, layer, row_id from candidates where pick = 1
) as picked
where c.mart = picked.mart and c.layer = picked.layer and c.row_id = picked.row_id;
