-- one row per (published peer group, quarter, domain): the domain's share of pooled in-house hours, null with the rule when the cell fails
select facility_type, bed_band, region, cast(quarter_start as varchar) as quarter_start, domain, share, suppressed_reason
from publish.pooled_workload_share
order by facility_type, bed_band, region, quarter_start, domain
