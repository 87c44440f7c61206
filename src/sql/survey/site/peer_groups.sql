-- one row per published peer group: its profile bands and contributor count (withheld groups are left out: listing one would say that a hospital of that profile took part)
select facility_type, bed_band, region, contributors
from publish.publication_groups
where suppressed_reason is null
order by contributors desc, facility_type, bed_band, region
