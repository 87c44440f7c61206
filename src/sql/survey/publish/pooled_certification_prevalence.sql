-- one row per (published peer group, year, certification): pooled prevalence only (no holders or headcount, which could be differenced across groups), null with the rule when the cell fails
drop table if exists publish.pooled_certification_prevalence;
create table publish.pooled_certification_prevalence as
select
    c.facility_type, c.bed_band, c.region, c.year, c.certification, c.orgs,
    case when c.suppressed_reason is null then c.prevalence end as prevalence,
    c.suppressed_reason
from marts.pooled_certification_prevalence as c
join publish.publication_groups as g
    on g.facility_type = c.facility_type and g.bed_band = c.bed_band and g.region = c.region
where g.suppressed_reason is null;
