-- one row per (peer group, year, specialist domain): how many of the group's organisations with staff that year had a specialist role of that domain, and the share they make
-- Organisations with staff in a year: contributors with a headcount row in the year. The
-- share of organisations is published only when at least min_orgs_benchmark organisations stand
-- behind it; the holders' number stays in the society's warehouse.
drop table if exists marts.pooled_specialist_roles;
create table marts.pooled_specialist_roles as
-- Organisations as integer ids (survey.contribution_units): those with a single unit are counted per
-- profile and the counts copied to the profile's pooled groups; one with units under two profiles is
-- counted once in each group.
with unit_staffed as (
    select distinct u.unit_no, u.profile_no, u.unit_count, r.year
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'headcount_monthly' and r.headcount > 0
),

orgs_per_year as (
    select group_no, year, sum(orgs) as orgs
    from (
        select g.group_no, p.year, p.orgs
        from (
            select profile_no, year, count(*) as orgs
            from unit_staffed
            where unit_count = 1
            group by profile_no, year
        ) as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select m.group_no, u.year, count(distinct m.contributor_no)
        from unit_staffed as u
        join survey.pooled_units as m on m.unit_no = u.unit_no
        where u.unit_count > 1
        group by m.group_no, u.year
    ) as c
    group by group_no, year
),

unit_roles as (
    select u.unit_no, u.profile_no, u.unit_count, r.year, r.domain, cast(sum(r.people) as bigint) as holders
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'specialist_roles_yearly' and r.people > 0
    group by u.unit_no, u.profile_no, u.unit_count, r.year, r.domain
),

with_role as (
    select group_no, year, domain, sum(orgs) as orgs_with_role, sum(holders) as holders
    from (
        select g.group_no, p.year, p.domain, p.orgs, p.holders
        from (
            select profile_no, year, domain, count(*) as orgs, cast(sum(holders) as bigint) as holders
            from unit_roles
            where unit_count = 1
            group by profile_no, year, domain
        ) as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select m.group_no, u.year, u.domain, count(distinct m.contributor_no), cast(sum(u.holders) as bigint)
        from unit_roles as u
        join survey.pooled_units as m on m.unit_no = u.unit_no
        where u.unit_count > 1
        group by m.group_no, u.year, u.domain
    ) as c
    group by group_no, year, domain
)

select
    g.facility_type, g.bed_band, g.region,
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
join (select distinct group_no, domain from with_role) as d on d.group_no = o.group_no
left join with_role as w on w.group_no = o.group_no and w.year = o.year and w.domain = d.domain
join survey.pooled_group_ids as g on g.group_no = o.group_no
cross join survey.settings as s;
