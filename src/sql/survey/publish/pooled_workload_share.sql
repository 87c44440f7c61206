-- one row per (published peer group, quarter_start, domain): the domain's share of pooled in-house hours only (no hours, which could be differenced across groups), null with the rule when a cell fails
-- The quarters of survey.workload_share_cells (the one publication rule of workload shares).
drop table if exists publish.pooled_workload_share;
create table publish.pooled_workload_share as
select facility_type, bed_band, region, quarter_start, domain, orgs, share, suppressed_reason
from survey.workload_share_cells
where period = 'quarter';
