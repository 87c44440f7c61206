-- one row per (peer group, month_start, role_family or 'all'): pooled headcount and FTE, the sums of the contributions' counts, with the rules that decide whether the cell may be published
drop table if exists marts.pooled_headcount_monthly;
create table marts.pooled_headcount_monthly as
-- Each unit's months summed once (survey.contribution_units). The organisations with a single unit
-- are counted and summed per profile, and those sums copied to the profile's pooled groups; an
-- organisation with units under two profiles is copied unit by unit and summed in each group.
with unit_months as (
    select u.unit_no, u.profile_no, u.unit_count, r.month_start, r.role_family,
        cast(sum(r.headcount) as bigint) as headcount, sum(r.fte) as fte
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'headcount_monthly'
    group by u.unit_no, u.profile_no, u.unit_count, r.month_start, r.role_family
),

profile_months as (
    select profile_no, month_start, role_family,
        cast(sum(headcount) as bigint) as headcount, sum(fte) as fte,
        cast(sum(case when headcount > 0 then 1 else 0 end) as bigint) as orgs,
        max(headcount) as largest_org_headcount
    from unit_months
    where unit_count = 1
    group by profile_no, month_start, role_family
),

split_org_months as (
    select m.group_no, r.month_start, r.role_family, cast(sum(r.headcount) as bigint) as headcount, sum(r.fte) as fte
    from unit_months as r
    join survey.pooled_units as m on m.unit_no = r.unit_no
    where r.unit_count > 1
    group by m.group_no, m.contributor_no, r.month_start, r.role_family
),

pooled as (
    select group_no, month_start, role_family,
        sum(headcount) as headcount,
        sum(fte) as fte,
        sum(orgs) as orgs,
        max(largest_org_headcount) as largest_org_headcount
    from (
        select g.group_no, p.month_start, p.role_family, p.headcount, p.fte, p.orgs, p.largest_org_headcount
        from profile_months as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select group_no, month_start, role_family, headcount, fte,
            case when headcount > 0 then 1 else 0 end, headcount
        from split_org_months
    ) as c
    group by group_no, month_start, role_family
)

select
    g.facility_type,
    g.bed_band,
    g.region,
    p.month_start,
    p.role_family,
    cast(p.headcount as integer) as headcount,
    cast(p.fte as double) as fte,
    cast(p.orgs as integer) as orgs,
    cast(p.largest_org_headcount as double) / nullif(p.headcount, 0) as max_org_share,
    coalesce(
        multi_org_rule(p.orgs, cast(p.largest_org_headcount as double) / p.headcount, s.min_orgs_benchmark, s.max_org_share_benchmark),
        case when p.headcount < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people' end
    ) as suppressed_reason
from pooled as p
join survey.pooled_group_ids as g on g.group_no = p.group_no
cross join survey.settings as s;
