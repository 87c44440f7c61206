-- one row per (profile, peer group) of the pooled peer groups: which groups a contribution profile (facility type, bed band and region as contributed) is summed into
-- Marts that need only pooled sums, not each organisation's share, first sum the contributions of
-- one profile and then copy those sums to the profile's (at most eight) groups, instead of copying
-- every contribution's rows eight times: fewer rows to group at any number of contributions.
drop table if exists survey.pooled_profiles;
create table survey.pooled_profiles as
select distinct c.facility_type as profile_facility_type, c.bed_band as profile_bed_band,
    c.region as profile_region, m.facility_type, m.bed_band, m.region
from survey.pooled_members as m
join survey.contributions as c on c.contribution_id = m.contribution_id;
