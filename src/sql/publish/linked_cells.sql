-- one pass over work.cells: a cell withheld in one mart is withheld in every mart of the same key columns (the same cell published twice), so the other cannot give it back. publish.ts alternates it with complementary.sql until neither changes anything.
update work.cells as c
set withheld = true, reason = l.reason
from (
    select layer, link_group, cell_key, min(reason) as reason
    from work.cells
    where withheld
    group by all
) as l
where c.layer = l.layer and c.link_group = l.link_group and c.cell_key = l.cell_key and not c.withheld;
