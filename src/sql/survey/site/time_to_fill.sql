-- one row per (published peer group, role family, requisition status): the day bin holding the median time to fill (filled) or median age (open), null with the rule when it fails
select facility_type, bed_band, region, role_family, requisition_status, median_days_lower, median_days_upper, suppressed_reason
from publish.pooled_time_to_fill
order by facility_type, bed_band, region, role_family, requisition_status
