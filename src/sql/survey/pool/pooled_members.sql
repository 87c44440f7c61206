-- one row per (peer group, contribution) of the peer groups that pool at least min_orgs_benchmark organisations: the groups the pooled marts are computed for
-- A smaller group's pooled figures could never be published and would be a few hospitals' own
-- figures in the society's warehouse; leaving them out also keeps pooling linear in the files.
drop table if exists survey.pooled_members;
create table survey.pooled_members as
select m.facility_type, m.bed_band, m.region, m.contribution_id, m.contributor_id
from survey.peer_members as m
join survey.peer_groups as g
    on g.facility_type = m.facility_type and g.bed_band = m.bed_band and g.region = m.region
cross join survey.settings as s
where g.contributors >= s.min_orgs_benchmark;
