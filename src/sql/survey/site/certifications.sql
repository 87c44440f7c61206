-- one row per (published peer group, year, certification): pooled prevalence, null with the rule when the cell fails
select facility_type, bed_band, region, year, certification, prevalence, suppressed_reason
from publish.pooled_certification_prevalence
order by facility_type, bed_band, region, year, certification
