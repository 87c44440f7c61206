-- one row per (published peer group, year, role family): pooled turnover rates, null with the rule when the cell fails
select facility_type, bed_band, region, year, role_family, turnover_rate, voluntary_turnover_rate, suppressed_reason
from publish.pooled_turnover_annual
order by facility_type, bed_band, region, year, role_family
