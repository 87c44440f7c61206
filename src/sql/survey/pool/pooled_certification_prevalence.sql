-- one row per (peer group, year, certification code or 'any'): the share of the pooled headcount on 31 December holding the certification, with the organisations whose staff hold it and the rule when it may not be published
drop table if exists marts.pooled_certification_prevalence;
create table marts.pooled_certification_prevalence as
with last_months as (
    select contribution_id, year, max(month_start) as month_start
    from survey.contribution_rows
    where table_name = 'headcount_monthly'
    group by contribution_id, year
),

-- the staff on 31 December needs only sums: one profile's contributions summed first, then copied
-- to the profile's pooled groups (integer ids, survey.contribution_units)
profile_staff as (
    select u.profile_no, r.year, cast(sum(r.headcount) as bigint) as headcount
    from survey.contribution_rows as r
    join last_months as l
        on l.contribution_id = r.contribution_id and l.year = r.year and l.month_start = r.month_start
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'headcount_monthly' and r.role_family = 'all'
    group by u.profile_no, r.year
),

staff as (
    select g.group_no, p.year, sum(p.headcount) as headcount
    from profile_staff as p
    join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
    group by g.group_no, p.year
),

-- the holders per unit; the organisations with a single unit counted per profile, one with units
-- under two profiles once in each group
unit_holders as (
    select u.unit_no, u.profile_no, u.unit_count, r.year, r.group_value as certification,
        cast(sum(r.people) as bigint) as holders
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'certifications_yearly' and r.people > 0
    group by u.unit_no, u.profile_no, u.unit_count, r.year, r.group_value
),

profile_holders as (
    select profile_no, year, certification, cast(sum(holders) as bigint) as holders, count(*) as orgs
    from unit_holders
    where unit_count = 1
    group by profile_no, year, certification
),

split_holders as (
    select m.group_no, h.year, h.certification, cast(sum(h.holders) as bigint) as holders
    from unit_holders as h
    join survey.pooled_units as m on m.unit_no = h.unit_no
    where h.unit_count > 1
    group by m.group_no, m.contributor_no, h.year, h.certification
),

holders as (
    select group_no, year, certification, sum(holders) as holders, sum(orgs) as orgs
    from (
        select g.group_no, p.year, p.certification, p.holders, p.orgs
        from profile_holders as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select group_no, year, certification, holders, 1
        from split_holders
    ) as c
    group by group_no, year, certification
)

select
    g.facility_type, g.bed_band, g.region, h.year, h.certification,
    cast(h.holders as integer) as holders,
    cast(h.orgs as integer) as orgs,
    cast(h.holders as double) / nullif(s2.headcount, 0) as prevalence,
    case
        when h.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when h.holders < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people'
    end as suppressed_reason
from holders as h
join staff as s2 on s2.group_no = h.group_no and s2.year = h.year
join survey.pooled_group_ids as g on g.group_no = h.group_no
cross join survey.settings as s;
