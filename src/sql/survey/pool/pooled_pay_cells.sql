-- one row per (peer group, year, group_kind, group_value, breakdown_kind, breakdown_value, contributor): the contributor's people in the pay cell, the per-contributor aggregate the pay mart's counts and the differencing rules read
-- Summed per unit (survey.contribution_units) before it is copied to the unit's peer groups: the
-- bins are not needed to count organisations and people, and copying them was most of the rows.
-- An organisation with a single unit is that unit in each of its groups; one with units under two
-- profiles is summed again in the groups they share.
-- A view over survey.pooled_pay_cell_orgs, which holds the same rows with integer keys: written
-- with their names, the 3.3 million rows at 1,000 contributions took 2 s.
drop view if exists survey.pooled_pay_cells;
create view survey.pooled_pay_cells as
select g.facility_type, g.bed_band, g.region, o.contributor_id, k.year, k.group_kind, k.group_value,
    k.breakdown_kind, k.breakdown_value, c.people
from survey.pooled_pay_cell_orgs as c
join survey.pooled_group_ids as g on g.group_no = c.group_no
join survey.pay_cell_ids as k on k.cell_no = c.cell_no
join (select distinct contributor_no, contributor_id from survey.contribution_units) as o
    on o.contributor_no = c.contributor_no;
