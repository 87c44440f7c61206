-- one row per (peer group, year, domain or 'all'): pooled in-house labor hours of the year and their share, summed from the contributions' quarters (exact decimals), with the rule that withholds a share
-- The years of survey.pooled_workload_cells (the one pooled workload formula).
drop table if exists marts.pooled_workload_domain_yearly;
create table marts.pooled_workload_domain_yearly as
select facility_type, bed_band, region, year, domain, hours, share, orgs, max_org_share, suppressed_reason
from survey.pooled_workload_cells
where period = 'year';
