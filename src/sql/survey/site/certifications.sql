-- one row per (published peer group, year, certification or 'any'): share of staff holding it, null with the rule when withheld
select facility_type, bed_band, region, year, certification, prevalence, suppressed_reason
from publish.pooled_certification_prevalence
order by facility_type, bed_band, region, year, certification
