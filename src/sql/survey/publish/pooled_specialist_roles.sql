-- one row per (published peer group, year, specialist domain): the share of the group's organisations with such a role (no counts of organisations or holders), null with the rule when the cell fails
drop table if exists publish.pooled_specialist_roles;
create table publish.pooled_specialist_roles as
select
    r.facility_type, r.bed_band, r.region, r.year, r.domain,
    case when r.suppressed_reason is null then r.share_of_orgs end as share_with_role,
    r.suppressed_reason
from marts.pooled_specialist_roles as r
join publish.publication_groups as g
    on g.facility_type = r.facility_type and g.bed_band = r.bed_band and g.region = r.region
where g.suppressed_reason is null;
