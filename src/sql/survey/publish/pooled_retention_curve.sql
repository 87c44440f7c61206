-- one row per (published peer group, group_kind, group_value, event_kind, tenure_month): pooled survival and its CI only (no risk-set counts), null with the rule when a cell fails
drop table if exists publish.pooled_retention_curve;
create table publish.pooled_retention_curve as
select
    r.facility_type, r.bed_band, r.region, r.group_kind, r.group_value, r.event_kind, r.tenure_month, r.orgs,
    case when r.suppressed_reason is null then r.survival end as survival,
    case when r.suppressed_reason is null then r.ci_lower end as ci_lower,
    case when r.suppressed_reason is null then r.ci_upper end as ci_upper,
    r.suppressed_reason
from marts.pooled_retention_curve as r
join publish.publication_groups as g
    on g.facility_type = r.facility_type and g.bed_band = r.bed_band and g.region = r.region
where g.suppressed_reason is null;
