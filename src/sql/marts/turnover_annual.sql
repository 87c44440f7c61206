-- one row per (org_id, year, role_family) for each year from history_start to as_of; 'all' rows carry totals
create or replace table marts.turnover_annual as
with months as (
    select
        cast(year(month_start) as integer) as year,
        month_start,
        -- the month of history_start is counted from history_start, the month of as_of up to as_of
        greatest(month_start, (select history_start from meta.history_start)) as first_on,
        least(month_end, (select as_of from meta.as_of)) as month_end
    from core.months
),

-- headcount on the first and last counted day of each month, for every report group: the sum of
-- the group's changes dated that day or earlier (a running sum in date order, the day itself after
-- the changes dated on it), O(spells) where joining months to spells is O(months × people);
-- contractors are not in staffed_spells
counted_days as (
    select m.year, m.month_start, g.org_id, g.role_family, m.first_on as on_date, 'start' as kind
    from months as m
    cross join core.report_groups as g
    union all
    select m.year, m.month_start, g.org_id, g.role_family, m.month_end, 'end'
    from months as m
    cross join core.report_groups as g
),

points as (
    select org_id, role_family, on_date, people, 0 as is_day,
        cast(null as integer) as year, cast(null as date) as month_start, cast(null as varchar) as kind
    from core.headcount_changes
    union all
    select org_id, role_family, on_date, 0, 1, year, month_start, kind
    from counted_days
),

headcounts as (
    select
        year,
        month_start,
        org_id,
        role_family,
        cast(max(headcount) filter (where kind = 'start') as bigint) as headcount_start,
        cast(max(headcount) filter (where kind = 'end') as bigint) as headcount_end
    from (
        select
            *,
            sum(people) over (
                partition by org_id, role_family
                order by on_date, is_day rows between unbounded preceding and current row
            ) as headcount
        from points
    ) as running
    where is_day = 1
    group by year, month_start, org_id, role_family
),

-- separations of employees in the month
leavers as (
    select
        x.month_start,
        case when grouping(x.org_id) = 1 then 'all' else x.org_id end as org_id,
        case when grouping(x.role_family) = 1 then 'all' else x.role_family end as role_family,
        count(*) as separations,
        count(*) filter (where x.is_voluntary) as voluntary_separations
    from core.separations as x
    -- leavers before history_start are incomplete in the export, so none of them count
    where x.employment_type = 'employee'
        and x.termination_on >= (select history_start from meta.history_start)
    group by grouping sets (
        (x.month_start, x.org_id, x.role_family), (x.month_start, x.org_id),
        (x.month_start, x.role_family), (x.month_start)
    )
),

monthly_counts as (
    select
        h.year,
        h.month_start,
        h.org_id,
        h.role_family,
        h.headcount_start,
        h.headcount_end,
        coalesce(l.separations, 0) as separations,
        coalesce(l.voluntary_separations, 0) as voluntary_separations
    from headcounts as h
    left join leavers as l
        on l.month_start = h.month_start and l.org_id = h.org_id and l.role_family = h.role_family
),

groups as (
    select org_id, role_family from core.report_groups
),

-- every month of every group, with its SHRM inputs (src/sql/macros/shrm_turnover.sql)
monthly as (
    select
        m.year,
        g.org_id,
        g.role_family,
        (coalesce(c.headcount_start, 0) + coalesce(c.headcount_end, 0)) / 2.0 as avg_headcount,
        coalesce(c.separations, 0) as separations,
        coalesce(c.voluntary_separations, 0) as voluntary_separations,
        c.headcount_start,
        c.headcount_end
    from months as m
    cross join groups as g
    left join monthly_counts as c
        on c.month_start = m.month_start and c.org_id = g.org_id and c.role_family = g.role_family
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
years as (
    select year, min(first_on) as first_on, max(month_end) as last_on
    from months
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
