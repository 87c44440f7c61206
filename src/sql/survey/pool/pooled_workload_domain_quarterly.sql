-- one row per (peer group, quarter_start, domain or 'all'): pooled in-house labor hours, their share of the quarter, and vendor and parts cost, summed from the contributions (exact decimals)
-- The quarters of survey.pooled_workload_cells (the one pooled workload formula).
drop table if exists marts.pooled_workload_domain_quarterly;
create table marts.pooled_workload_domain_quarterly as
select facility_type, bed_band, region, quarter_start, domain, hours, share, vendor_cost_usd, parts_cost_usd,
    orgs, max_org_share, suppressed_reason
from survey.pooled_workload_cells
where period = 'quarter';
