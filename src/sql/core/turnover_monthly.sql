-- one row per (org_id or 'all', month_start, role_family or 'all') for every month from history_start to as_of: first- and last-counted-day headcount and separations, the SHRM inputs
-- The shared base of turnover: marts.turnover_annual applies the SHRM formula (src/sql/macros/) to these
-- rows, and a hospital's survey contribution sends its own months of them (contribution/turnover_monthly),
-- which the society pools and applies the same formula to. The month of history_start is counted from
-- history_start, the month of as_of up to as_of. A person counts on day d when start_on <= d < end_on
-- (core.staffed_spells: employees, not contractors); the headcount on a day is the sum of the group's
-- changes dated that day or earlier (a running sum in date order, the day itself after the changes dated
-- on it), O(spells) where joining months to spells is O(months × people).
create or replace table core.turnover_monthly as
with months as (
    select
        cast(year(month_start) as integer) as year,
        month_start,
        greatest(month_start, (select history_start from meta.history_start)) as first_on,
        least(month_end, (select as_of from meta.as_of)) as last_on
    from core.months
),

counted_days as (
    select m.year, m.month_start, g.org_id, g.role_family, m.first_on as on_date, 'start' as kind
    from months as m
    cross join core.report_groups as g
    union all
    select m.year, m.month_start, g.org_id, g.role_family, m.last_on, 'end'
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

-- separations of employees in the month; leavers before history_start are incomplete in the export
leavers as (
    select
        x.month_start,
        case when grouping(x.org_id) = 1 then 'all' else x.org_id end as org_id,
        case when grouping(x.role_family) = 1 then 'all' else x.role_family end as role_family,
        count(*) as separations,
        count(*) filter (where x.is_voluntary) as voluntary_separations
    from core.separations as x
    where x.employment_type = 'employee'
        and x.termination_on >= (select history_start from meta.history_start)
        and x.termination_on <= (select as_of from meta.as_of)
    group by grouping sets (
        (x.month_start, x.org_id, x.role_family), (x.month_start, x.org_id),
        (x.month_start, x.role_family), (x.month_start)
    )
)

select
    h.org_id,
    h.year,
    h.month_start,
    m.first_on,
    m.last_on,
    h.role_family,
    cast(coalesce(h.headcount_start, 0) as integer) as headcount_start,
    cast(coalesce(h.headcount_end, 0) as integer) as headcount_end,
    cast(coalesce(l.separations, 0) as integer) as separations,
    cast(coalesce(l.voluntary_separations, 0) as integer) as voluntary_separations
from headcounts as h
join months as m on m.month_start = h.month_start
left join leavers as l
    on l.month_start = h.month_start and l.org_id = h.org_id and l.role_family = h.role_family;
