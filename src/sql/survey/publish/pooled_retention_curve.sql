-- one row per (published peer group, group_kind, group_value, event_kind, coarse tenure month): pooled survival rounded to whole percent at 3, 6, 12, 18, 24, 36, 48, 60, 84 and 120 months, no confidence band and no risk-set counts, null with the rule when a cell fails
-- A Greenwood band and survival to many digits at every month give back the people at risk and the
-- separations of each month (an outside attack inverted them), and with them one hospital by
-- difference between groups or releases. Whole percents at ten coarse points say how long people
-- stay and no count can be solved from them.
drop table if exists publish.pooled_retention_curve;
create table publish.pooled_retention_curve as
select
    r.facility_type, r.bed_band, r.region, r.group_kind, r.group_value, r.event_kind, r.tenure_month, r.orgs,
    case when r.suppressed_reason is null then round(r.survival, 2) end as survival,
    cast(null as double) as ci_lower,
    cast(null as double) as ci_upper,
    r.suppressed_reason
from marts.pooled_retention_curve as r
join publish.publication_groups as g
    on g.facility_type = r.facility_type and g.bed_band = r.bed_band and g.region = r.region
where g.suppressed_reason is null
    and r.tenure_month in (3, 6, 12, 18, 24, 36, 48, 60, 84, 120);
