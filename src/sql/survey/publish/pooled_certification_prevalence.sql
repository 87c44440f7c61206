-- one row per (published peer group, year, certification or 'any'): the share of staff holding it on 31 December, rounded to whole percent, null with the rule when it fails
drop table if exists publish.pooled_certification_prevalence;
create table publish.pooled_certification_prevalence as
select
    p.facility_type, p.bed_band, p.region, p.year, p.certification,
    case when p.suppressed_reason is null then round(p.prevalence, 2) end as prevalence,
    p.suppressed_reason
from marts.pooled_certification_prevalence as p
join publish.publication_groups as g
    on g.facility_type = p.facility_type and g.bed_band = p.bed_band and g.region = p.region
where g.suppressed_reason is null;
