-- one row per pooled peer group (facility_type, bed_band, region, each possibly 'all'): an integer id the pooled marts group and join by, their names joined back once on the result
-- Grouping millions of copied rows by three strings (and joining them to their groups by a
-- contribution's string id) was most of the pooling's time; integers hash and compare in one step.
drop table if exists survey.pooled_group_ids;
create table survey.pooled_group_ids as
select cast(row_number() over (order by facility_type, bed_band, region) as integer) as group_no,
    facility_type, bed_band, region
from (select distinct facility_type, bed_band, region from survey.pooled_members) as g;
