-- one row per (peer group number, contributor number, pay cell number): the contributor's people in the pay cell, with the integer keys of survey.pooled_group_ids, survey.contribution_units and survey.pay_cell_ids (survey.pooled_pay_cells names them)
-- Summed per unit (survey.contribution_units) before it is copied to the unit's peer groups: the
-- bins are not needed to count organisations and people, and copying them was most of the rows.
-- An organisation with a single unit is that unit in each of its groups; one with units under two
-- profiles is summed again in the groups they share.
drop table if exists survey.pooled_pay_cell_orgs;
create table survey.pooled_pay_cell_orgs as
with unit_cells as (
    select b.unit_no, b.unit_count, b.cell_no, sum(b.people) as people
    from survey.pay_unit_bins as b
    group by b.unit_no, b.unit_count, b.cell_no
)

select m.group_no, m.contributor_no, c.cell_no, c.people
from unit_cells as c
join survey.pooled_units as m on m.unit_no = c.unit_no
where c.unit_count = 1
union all
select m.group_no, m.contributor_no, c.cell_no, sum(c.people)
from unit_cells as c
join survey.pooled_units as m on m.unit_no = c.unit_no
where c.unit_count > 1
group by m.group_no, m.contributor_no, c.cell_no;
