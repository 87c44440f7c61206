-- one row per (peer group, year, measure, category): how a pooled total divides, with its organisations and the rule when a category may not be published; measures: headcount_mix (role families' share of the headcount at the year's last counted month) and separation_type (each type's share of the year's separations)
drop table if exists marts.pooled_composition;
create table marts.pooled_composition as
with last_months as (
    select contribution_id, year, max(month_start) as month_start
    from survey.contribution_rows
    where table_name = 'headcount_monthly'
    group by contribution_id, year
),

parts as (
    select r.contribution_id, r.year, 'headcount_mix' as measure, r.role_family as category, r.headcount as amount
    from survey.contribution_rows as r
    join last_months as l
        on l.contribution_id = r.contribution_id and l.year = r.year and l.month_start = r.month_start
    where r.table_name = 'headcount_monthly' and r.role_family <> 'all'
    union all
    select r.contribution_id, r.year, 'separation_type', r.separation_type, r.separations
    from survey.contribution_rows as r
    where r.table_name = 'separations_by_type' and r.role_family = 'all'
),

-- each unit's parts summed once (survey.contribution_units); the organisations with a single unit
-- counted and summed per profile and copied to the profile's pooled groups, one with units under two
-- profiles copied unit by unit and summed in each group
by_unit as (
    select u.unit_no, u.profile_no, u.unit_count, p.year, p.measure, p.category,
        cast(sum(p.amount) as bigint) as amount
    from parts as p
    join survey.contribution_units as u on u.contribution_id = p.contribution_id
    group by u.unit_no, u.profile_no, u.unit_count, p.year, p.measure, p.category
),

by_profile as (
    select profile_no, year, measure, category, cast(sum(amount) as bigint) as amount,
        cast(sum(case when amount > 0 then 1 else 0 end) as bigint) as orgs
    from by_unit
    where unit_count = 1
    group by profile_no, year, measure, category
),

split_orgs as (
    select m.group_no, b.year, b.measure, b.category, cast(sum(b.amount) as bigint) as amount
    from by_unit as b
    join survey.pooled_units as m on m.unit_no = b.unit_no
    where b.unit_count > 1
    group by m.group_no, m.contributor_no, b.year, b.measure, b.category
),

pooled as (
    select group_no, year, measure, category,
        sum(amount) as amount,
        sum(orgs) as orgs
    from (
        select g.group_no, p.year, p.measure, p.category, p.amount, p.orgs
        from by_profile as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select group_no, year, measure, category, amount, case when amount > 0 then 1 else 0 end
        from split_orgs
    ) as c
    group by group_no, year, measure, category
),

totals as (
    select group_no, year, measure, sum(amount) as total
    from pooled
    group by group_no, year, measure
)

select
    g.facility_type, g.bed_band, g.region, p.year, p.measure, p.category,
    cast(p.amount as integer) as amount,
    cast(p.orgs as integer) as orgs,
    cast(p.amount as double) / nullif(t.total, 0) as share,
    case
        when p.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when p.amount < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people'
    end as suppressed_reason
from pooled as p
join totals as t on t.group_no = p.group_no and t.year = p.year and t.measure = p.measure
join survey.pooled_group_ids as g on g.group_no = p.group_no
cross join survey.settings as s;
