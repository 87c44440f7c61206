-- one pass over work.cells and work.links: a count carried by two tables (a declared `source`) is withheld in both when either withholds it, so the copy cannot give back a value (or a complement) the source withholds. publish.ts alternates it with complementary.sql and linked_cells.sql until none changes anything.
update work.cells as c
set withheld = true, reason = 'complementary'
from (
    select l.mart, l.row_id, s.layer
    from work.links l
    join work.cells s on s.mart = l.src_mart and s.row_id = l.src_row_id and s.withheld
    where l.is_count
    union
    select l.src_mart, l.src_row_id, s.layer
    from work.links l
    join work.cells s on s.mart = l.mart and s.row_id = l.row_id and s.withheld
    where l.is_count
) as x
where c.mart = x.mart and c.row_id = x.row_id and c.layer = x.layer and not c.withheld;
