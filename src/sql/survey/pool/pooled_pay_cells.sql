-- one row per (peer group, year, group_kind, group_value, breakdown_kind, breakdown_value, contributor): the contributor's people in the pay cell, the per-contributor aggregate the pay mart's counts and the differencing rules read
-- Summed per contribution before it is copied to the eight peer groups it belongs to: the bins
-- are not needed to count organisations and people, and copying them was most of the rows.
drop table if exists survey.pooled_pay_cells;
create table survey.pooled_pay_cells as
with per_contribution as (
    select contribution_id, year, group_kind, group_value, breakdown_kind, breakdown_value, sum(people) as people
    from survey.contribution_rows
    where table_name = 'pay_histogram'
    group by contribution_id, year, group_kind, group_value, breakdown_kind, breakdown_value
)

select m.facility_type, m.bed_band, m.region, m.contributor_id, c.year, c.group_kind, c.group_value,
    c.breakdown_kind, c.breakdown_value, sum(c.people) as people
from per_contribution as c
join survey.pooled_members as m on m.contribution_id = c.contribution_id
group by m.facility_type, m.bed_band, m.region, m.contributor_id, c.year, c.group_kind, c.group_value,
    c.breakdown_kind, c.breakdown_value;
