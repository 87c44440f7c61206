-- one row per (published peer group, year, specialist domain): share of organisations with such a role, null with the rule when the cell fails
select facility_type, bed_band, region, year, domain, share_with_role, suppressed_reason
from publish.pooled_specialist_roles
order by facility_type, bed_band, region, year, domain
