-- one row per (published peer group, year, domain): the domain's share of pooled in-house hours only (no hours, which could be differenced across groups), null with the rule when a cell fails
-- The years of survey.workload_share_cells (the one publication rule of workload shares).
drop table if exists publish.pooled_workload_share_yearly;
create table publish.pooled_workload_share_yearly as
select facility_type, bed_band, region, year, domain, orgs, share, suppressed_reason
from survey.workload_share_cells
where period = 'year';
