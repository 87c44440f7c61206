-- one row per (published peer group, year, pay group, breakdown, percentile): the interval of whole $1,000 bins that holds the exact percentile, the estimate rounded to $1,000, and the cell's organisations, people and share of paid staff; null with the rule when the cell fails
select facility_type, bed_band, region, year, group_kind, group_value, breakdown_kind, breakdown_value, percentile,
    orgs, people, share_of_paid_staff, paid_staff_coverage, pay_usd, pay_lower_usd, pay_upper_usd, suppressed_reason
from publish.pooled_pay_percentiles
order by facility_type, bed_band, region, year, group_kind, group_value, breakdown_kind, breakdown_value, percentile
