-- one row per (peer group, contribution): a contribution belongs to the eight peer groups its profile spans (each of facility type, bed band and region either its value or 'all')
drop table if exists survey.peer_members;
create table survey.peer_members as
select 'all' as facility_type, 'all' as bed_band, 'all' as region, contribution_id, contributor_id
from survey.contributions
union all
select facility_type, 'all', 'all', contribution_id, contributor_id from survey.contributions
union all
select 'all', bed_band, 'all', contribution_id, contributor_id from survey.contributions
union all
select 'all', 'all', region, contribution_id, contributor_id from survey.contributions
union all
select facility_type, bed_band, 'all', contribution_id, contributor_id from survey.contributions
union all
select facility_type, 'all', region, contribution_id, contributor_id from survey.contributions
union all
select 'all', bed_band, region, contribution_id, contributor_id from survey.contributions
union all
select facility_type, bed_band, region, contribution_id, contributor_id from survey.contributions;
