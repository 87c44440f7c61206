-- one row per (org_id, month_end, role_family) from the month of history_start to as_of's month; 'all' rows carry totals
create or replace table marts.headcount_monthly as
with days as (
    -- the month of as_of is counted on as_of, not on a month end that has not happened yet
    select month_end, least(month_end, (select as_of from meta.as_of)) as counted_on
    from core.months
),

staffed as (
    select d.month_end, s.org_id, s.role_family, s.employee_id, s.fte
    from days as d
    join core.staffed_spells as s
        on s.start_on <= d.counted_on and (s.end_on is null or d.counted_on < s.end_on)
),

counted as (
    select
        month_end,
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        case when grouping(role_family) = 1 then 'all' else role_family end as role_family,
        count(distinct employee_id) as headcount,
        -- decimals: the same input gives the same bits whatever the threads did
        sum(cast(fte as decimal(38, 6))) as fte
    from staffed
    group by grouping sets ((month_end, org_id, role_family), (month_end, org_id), (month_end, role_family), (month_end))
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
    cast(coalesce(c.headcount, 0) as integer) as headcount,
    cast(coalesce(c.fte, 0) as double) as fte
from grid as g
left join counted as c
    on c.month_end = g.month_end and c.org_id = g.org_id and c.role_family = g.role_family
order by org_id, month_end, role_family;
