-- one row per (published peer group, year, measure, category): headcount mix by role family and separations by type as shares, null with the rule when withheld
select facility_type, bed_band, region, year, measure, category, share, suppressed_reason
from publish.pooled_composition
order by facility_type, bed_band, region, year, measure, category
