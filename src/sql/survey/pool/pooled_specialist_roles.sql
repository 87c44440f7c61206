-- one row per (peer group, year, specialist domain): how many of the group's organisations with staff that year had a specialist role of that domain, and the share they make
-- Organisations with staff in a year: contributors with a headcount row in the year. The
-- share of organisations is published only when at least min_orgs_benchmark organisations stand
-- behind it; the holders' number stays in the society's warehouse.
drop table if exists marts.pooled_specialist_roles;
create table marts.pooled_specialist_roles as
with staffed as (
    select distinct m.facility_type, m.bed_band, m.region, m.contributor_id, r.year
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'headcount_monthly' and r.headcount > 0
),

orgs_per_year as (
    select facility_type, bed_band, region, year, count(*) as orgs
    from staffed
    group by facility_type, bed_band, region, year
),

with_role as (
    select m.facility_type, m.bed_band, m.region, r.year, r.domain,
        count(distinct m.contributor_id) as orgs_with_role,
        sum(r.people) as holders
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'specialist_roles_yearly' and r.people > 0
    group by m.facility_type, m.bed_band, m.region, r.year, r.domain
)

select
    o.facility_type, o.bed_band, o.region,
    cast(o.year as integer) as year,
    d.domain,
    cast(coalesce(w.orgs_with_role, 0) as integer) as orgs_with_role,
    cast(o.orgs as integer) as orgs,
    cast(coalesce(w.holders, 0) as integer) as holders,
    cast(coalesce(w.orgs_with_role, 0) as double) / nullif(cast(o.orgs as double), 0) as share_of_orgs,
    case
        when o.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
    end as suppressed_reason
from orgs_per_year as o
join (select distinct facility_type, bed_band, region, domain from with_role) as d
    on d.facility_type = o.facility_type and d.bed_band = o.bed_band and d.region = o.region
left join with_role as w
    on w.facility_type = o.facility_type and w.bed_band = o.bed_band and w.region = o.region
    and w.year = o.year and w.domain = d.domain
cross join survey.settings as s;
