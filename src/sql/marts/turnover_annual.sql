-- one row per (org_id, year, role_family) for each year from history_start to as_of; 'all' rows carry totals
create or replace table marts.turnover_annual as
-- every month of every group with its SHRM inputs (core.turnover_monthly: first- and last-day
-- headcount, separations), the base a survey contribution sends too
with monthly as (
    select
        year,
        org_id,
        role_family,
        (headcount_start + headcount_end) / 2.0 as avg_headcount,
        separations,
        voluntary_separations,
        headcount_start,
        headcount_end
    from core.turnover_monthly
),

annual as (
    select
        year,
        org_id,
        role_family,
        avg(avg_headcount) as avg_headcount,
        sum(separations) as separations,
        sum(voluntary_separations) as voluntary_separations,
        -- the sum of the monthly rates (year to date in the year of as_of)
        shrm_annual_rate(separations, headcount_start, headcount_end) as turnover_rate,
        shrm_annual_rate(voluntary_separations, headcount_start, headcount_end) as voluntary_turnover_rate
    from monthly
    group by all
),

-- retention: employments staffed on 1 January (or history_start in its year) that are still
-- employed on 31 December (or as_of)
-- (the counted days of each month are core.turnover_monthly's: the one definition of the months)
years as (
    select year, min(first_on) as first_on, max(last_on) as last_on
    from core.turnover_monthly
    group by year
),

cohort as (
    select y.year, s.org_id, s.role_family, s.employee_id,
        e.termination_on is null or y.last_on < e.termination_on as is_retained
    from years as y
    join core.staffed_spells as s
        on s.start_on <= y.first_on and (s.end_on is null or y.first_on < s.end_on)
    join core.employees as e on e.employee_id = s.employee_id and e.hire_on = s.hire_on
),

retention as (
    select
        year,
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        case when grouping(role_family) = 1 then 'all' else role_family end as role_family,
        count(*) as headcount_start,
        count(*) filter (where is_retained) as retained
    from cohort
    group by grouping sets ((year, org_id, role_family), (year, org_id), (year, role_family), (year))
)

select
    cast(a.org_id as varchar) as org_id,
    cast(a.year as integer) as year,
    cast(a.role_family as varchar) as role_family,
    cast(a.avg_headcount as double) as avg_headcount,
    cast(a.separations as integer) as separations,
    cast(a.voluntary_separations as integer) as voluntary_separations,
    cast(a.turnover_rate as double) as turnover_rate,
    cast(a.voluntary_turnover_rate as double) as voluntary_turnover_rate,
    cast(r.retained / nullif(r.headcount_start, 0) as double) as retention_rate
from annual as a
left join retention as r on r.year = a.year and r.org_id = a.org_id and r.role_family = a.role_family
order by org_id, year, role_family;
