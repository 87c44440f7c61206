-- one row per (published peer group, year, pay group) with a published median this year and last: the change in the median estimate
select facility_type, bed_band, region, year, group_kind, group_value, median_usd, previous_median_usd, change_usd, change_share
from publish.pooled_pay_change
order by facility_type, bed_band, region, year, group_kind, group_value
