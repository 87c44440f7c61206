-- one row per (org_id, month_end, role_family) from the month of history_start to as_of's month; 'all' rows carry totals
create or replace table marts.headcount_monthly as
-- A person counts on day d when start_on <= d < end_on (docs/marts.md), so the headcount on d is the
-- sum of its changes dated d or earlier: a running sum of monthly changes, O(spells), not
-- a join of every month to every spell (O(months × people)). FTE the same over the spells.
with days as (
    -- the month of as_of is counted on as_of, not on a month end that has not happened yet
    select month_end, least(month_end, (select as_of from meta.as_of)) as counted_on
    from core.months
),

bounds as (
    select min(month_start) as first_month_start, max(least(month_end, (select as_of from meta.as_of))) as last_counted_on
    from core.months
),

-- people per day (core.headcount_changes), +fte / -fte per spell (decimals: the same bits whatever the threads did)
changes as (
    select org_id, role_family, on_date, people, cast(0 as decimal(38, 6)) as fte
    from core.headcount_changes
    union all
    select g.org_id, g.role_family, s.start_on, 0, cast(s.fte as decimal(38, 6))
    from core.staffed_spells as s
    cross join lateral (values (s.org_id, s.role_family), (s.org_id, 'all'), ('all', s.role_family), ('all', 'all'))
        as g(org_id, role_family)
    union all
    select g.org_id, g.role_family, s.end_on, 0, -cast(s.fte as decimal(38, 6))
    from core.staffed_spells as s
    cross join lateral (values (s.org_id, s.role_family), (s.org_id, 'all'), ('all', s.role_family), ('all', 'all'))
        as g(org_id, role_family)
    where s.end_on is not null
),

-- each change counts from the first counted day on or after it: its own month (the month of
-- history_start for earlier ones); changes after as_of are never counted
monthly_changes as (
    select
        cast(last_day(greatest(c.on_date, b.first_month_start)) as date) as month_end,
        c.org_id,
        c.role_family,
        sum(c.people) as people,
        sum(c.fte) as fte
    from changes as c
    cross join bounds as b
    where c.on_date <= b.last_counted_on
    group by all
),

-- every month for every organisation and family, so a month nobody was employed shows 0, not a gap
grid as (
    select d.month_end, g.org_id, g.role_family
    from days as d
    cross join core.report_groups as g
)

select
    cast(g.org_id as varchar) as org_id,
    cast(g.month_end as date) as month_end,
    cast(g.role_family as varchar) as role_family,
    cast(sum(coalesce(c.people, 0)) over w as integer) as headcount,
    cast(sum(coalesce(c.fte, 0)) over w as double) as fte
from grid as g
left join monthly_changes as c
    on c.month_end = g.month_end and c.org_id = g.org_id and c.role_family = g.role_family
window w as (partition by g.org_id, g.role_family order by g.month_end rows between unbounded preceding and current row)
order by org_id, month_end, role_family;
