-- one row per (published peer group, quarter_start, domain): the domain's share of pooled in-house hours only (no hours, which could be differenced across groups), null with the rule when a cell fails
drop table if exists publish.pooled_workload_share;
create table publish.pooled_workload_share as
select
    w.facility_type, w.bed_band, w.region, w.quarter_start, w.domain, w.orgs,
    case when w.suppressed_reason is null then w.share end as share,
    w.suppressed_reason
from marts.pooled_workload_domain_quarterly as w
join publish.publication_groups as g
    on g.facility_type = w.facility_type and g.bed_band = w.bed_band and g.region = w.region
where g.suppressed_reason is null and w.domain <> 'all';
