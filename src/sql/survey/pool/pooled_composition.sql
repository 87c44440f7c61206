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

by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, p.year, p.measure, p.category,
        sum(p.amount) as amount
    from parts as p
    join survey.pooled_members as m on m.contribution_id = p.contribution_id
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, p.year, p.measure, p.category
),

pooled as (
    select facility_type, bed_band, region, year, measure, category,
        sum(amount) as amount,
        sum(case when amount > 0 then 1 else 0 end) as orgs
    from by_contributor
    group by facility_type, bed_band, region, year, measure, category
),

totals as (
    select facility_type, bed_band, region, year, measure, sum(amount) as total
    from pooled
    group by facility_type, bed_band, region, year, measure
)

select
    p.facility_type, p.bed_band, p.region, p.year, p.measure, p.category,
    cast(p.amount as integer) as amount,
    cast(p.orgs as integer) as orgs,
    cast(p.amount as double) / nullif(t.total, 0) as share,
    case
        when p.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when p.amount < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people'
    end as suppressed_reason
from pooled as p
join totals as t
    on t.facility_type = p.facility_type and t.bed_band = p.bed_band and t.region = p.region
    and t.year = p.year and t.measure = p.measure
cross join survey.settings as s;
