-- one row per (published peer group, year, role_family): pooled turnover rates only (no counts, which could be differenced across groups), null with the rule when a cell fails
drop table if exists publish.pooled_turnover_annual;
create table publish.pooled_turnover_annual as
select
    t.facility_type, t.bed_band, t.region, t.year, t.role_family, t.orgs,
    case when t.suppressed_reason is null then t.turnover_rate end as turnover_rate,
    case when t.suppressed_reason is null then t.voluntary_turnover_rate end as voluntary_turnover_rate,
    t.suppressed_reason
from marts.pooled_turnover_annual as t
join publish.publication_groups as g
    on g.facility_type = t.facility_type and g.bed_band = t.bed_band and g.region = t.region
where g.suppressed_reason is null;
