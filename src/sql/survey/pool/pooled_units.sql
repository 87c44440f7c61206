-- one row per (pooled peer group, contributor unit): the integer ids of the group, the unit, its profile and its contributor, and how many units the contributor has (survey.contribution_units)
drop table if exists survey.pooled_units;
create table survey.pooled_units as
select distinct g.group_no, u.unit_no, u.profile_no, u.contributor_no, u.unit_count
from survey.pooled_members as m
join survey.pooled_group_ids as g
    on g.facility_type = m.facility_type and g.bed_band = m.bed_band and g.region = m.region
join survey.contribution_units as u on u.contribution_id = m.contribution_id;
