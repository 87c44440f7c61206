-- one row per (published peer group, year, group, percentile): pooled pay percentile (rounded to $100) and the interval that holds the exact value, null with the rule when the cell fails
select facility_type, bed_band, region, year, group_kind, group_value, percentile,
    pay_usd, pay_lower_usd, pay_upper_usd, suppressed_reason
from publish.pooled_pay_percentiles
order by facility_type, bed_band, region, year, group_kind, group_value, percentile
