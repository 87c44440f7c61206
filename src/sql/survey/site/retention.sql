-- one row per (published peer group, group, event kind, tenure month): pooled survival and its 95% CI, null with the rule when the cell fails
select facility_type, bed_band, region, group_kind, group_value, event_kind, tenure_month,
    survival, ci_lower, ci_upper, suppressed_reason
from publish.pooled_retention_curve
order by facility_type, bed_band, region, group_kind, group_value, event_kind, tenure_month
