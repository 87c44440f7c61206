-- one row per (published peer group, year, domain): the domain's share of the year's pooled in-house hours, null with the rule when the cell fails
select facility_type, bed_band, region, year, domain, share, suppressed_reason
from publish.pooled_workload_share_yearly
order by facility_type, bed_band, region, year, domain
