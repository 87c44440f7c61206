-- one row per (peer group, year, group_kind, group_value, breakdown_kind, breakdown_value, contributor): the contributor's people in the pay cell, the per-contributor aggregate the pay mart's counts and the differencing rules read
-- Summed per unit (survey.contribution_units) before it is copied to the unit's peer groups: the
-- bins are not needed to count organisations and people, and copying them was most of the rows.
-- An organisation with a single unit is that unit in each of its groups; one with units under two
-- profiles is summed again in the groups they share.
drop table if exists survey.pooled_pay_cells;
create table survey.pooled_pay_cells as
with unit_cells as (
    select b.unit_no, b.unit_count, b.cell_no, sum(b.people) as people
    from survey.pay_unit_bins as b
    group by b.unit_no, b.unit_count, b.cell_no
),

org_cells as (
    select m.group_no, m.contributor_no, c.cell_no, c.people
    from unit_cells as c
    join survey.pooled_units as m on m.unit_no = c.unit_no
    where c.unit_count = 1
    union all
    select m.group_no, m.contributor_no, c.cell_no, sum(c.people)
    from unit_cells as c
    join survey.pooled_units as m on m.unit_no = c.unit_no
    where c.unit_count > 1
    group by m.group_no, m.contributor_no, c.cell_no
)

select g.facility_type, g.bed_band, g.region, o.contributor_id, k.year, k.group_kind, k.group_value,
    k.breakdown_kind, k.breakdown_value, c.people
from org_cells as c
join survey.pooled_group_ids as g on g.group_no = c.group_no
join survey.pay_cell_ids as k on k.cell_no = c.cell_no
join (select distinct contributor_no, contributor_id from survey.contribution_units) as o
    on o.contributor_no = c.contributor_no;
